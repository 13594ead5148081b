/**
 * `npm run bench`: the performance targets, measured on this machine, never asserted in tests. Exit 1 when a target
 * is missed. `BENCH_RUNS` (default 5) runs per plan figure, `BENCH_TEST_RUNS` (default 3) runs of `npm test`,
 * `BENCH_ONLY=plan,tests` to measure some sections only.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Section, Target } from "./measure";
import { planTargets } from "./planTargets";
import { promoteTargets } from "./promoteTargets";
import { testTargets } from "./testTargets";

const SECTIONS: Record<string, (dir: string) => Section> = {
    plan: planTargets,
    promote: promoteTargets,
    tests: testTargets,
};

function verdict(target: Target): { ok: boolean; line: string } {
    const ratio = target.unit === "x";
    const value = ratio ? target.figure / target.base : target.figure;
    const ok = value <= target.limit;
    const shown = ratio ? `${value.toFixed(2)}x` : `${value.toFixed(1)} ${target.unit}`;
    return { ok, line: `  ${target.name.padEnd(36)} ${shown.padStart(9)}  (target <= ${target.limit}${ratio ? "x" : ` ${target.unit}`})  ${ok ? "ok" : "MISSED"}` };
}

export function main(): number {
    const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
    const unknown = only?.filter((name) => !(name in SECTIONS)) ?? [];
    if (unknown.length > 0) {
        console.error(`bench: unknown section(s) ${unknown.join(", ")} in BENCH_ONLY (sections: ${Object.keys(SECTIONS).join(", ")})`);
        return 2;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-bench-"));
    try {
        let missed = 0;
        for (const [, measure] of Object.entries(SECTIONS).filter(([name]) => !only || only.includes(name))) {
            const section = measure(dir);
            console.log(section.lines.join("\n"));
            for (const target of section.targets) {
                const { ok, line } = verdict(target);
                missed += ok ? 0 : 1;
                console.log(line);
            }
            console.log("");
        }
        return missed === 0 ? 0 : 1;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
