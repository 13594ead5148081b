/** `npm run inventory`: refresh the estate file from the real project, read-only (see adoption/inventory/cli.ts). */
import { main } from "../adoption/inventory/cli";

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
