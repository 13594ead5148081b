/** The test suite's target: `npm test` (type-check and every test) within 40 s, as the median of BENCH_TEST_RUNS runs. */
import { median, type Section } from "./measure";

const RUNS = Number(process.env.BENCH_TEST_RUNS ?? 3);
const TARGET_SECONDS = 40;

export function testTargets(): Section {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    // No warm-up beyond median's own: the first run also warms tsc's and mocha's caches, as on a fresh clone.
    const figure = median(npm, ["test", "--silent"], RUNS);
    return {
        lines: [`npm test (median of ${RUNS} runs)`, `  type-check and all tests                       ${figure.toFixed(1)} s`],
        targets: [{ name: "npm test", figure, base: 1, limit: TARGET_SECONDS, unit: "s" }],
    };
}
