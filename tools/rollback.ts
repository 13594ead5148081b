/** `npm run rollback`: each service back to a digest the stack ran before (see promotion/cli/rollback.ts). */
import { main } from "../promotion/cli/rollback";

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
