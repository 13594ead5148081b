/** `npm test`: the type-check and all tests, side by side (see test/runner.ts). */
import { main } from "../test/runner";

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
