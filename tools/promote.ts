/** `npm run promote`: the upstream's digests into a stack file, with an audit entry (see promotion/cli/promote.ts). */
import { main } from "../promotion/cli/promote";

process.exitCode = main(process.argv.slice(2));
