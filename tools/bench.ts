/** `npm run bench`: the performance targets, measured (see bench/index.ts). */
import { main } from "../bench";

process.exitCode = main();
