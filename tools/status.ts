/** `npm run status`: the board of what runs where (see status/cli.ts). */
import { main } from "../status";

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
