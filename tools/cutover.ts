/** `npm run cutover`: the cutover runbook, generated from the stacks and the estate (see cutover/cli.ts). */
import { main } from "../cutover/cli";

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
