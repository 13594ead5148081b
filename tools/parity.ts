/** `npm run parity`: every way two stacks differ, held against parity.yaml (see parity/cli.ts). */
import { main } from "../parity/cli";

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
