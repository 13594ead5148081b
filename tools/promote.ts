/** `npm run promote`: the upstream's digests into a stack file, with an audit entry (see promotion/cli/promote.ts). */
import { main } from "../promotion/cli/promote";

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
