/** How the bench measures: wall time of fresh processes, as the median of several runs. */
import { spawnSync } from "child_process";
import { projectDir } from "../config";

export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** Seconds one run of `command args` takes from the project directory; a failed run stops the bench. */
export function seconds(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
    const start = process.hrtime.bigint();
    const run = spawnSync(command, args, { cwd: projectDir(), encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} failed (exit ${run.status}):\n${run.stderr}`);
    }
    return elapsed;
}

/** The median of `runs` runs, after one run that warms the file-system cache. */
export function median(command: string, args: string[], runs = RUNS, env?: NodeJS.ProcessEnv): number {
    seconds(command, args, env);
    const times = Array.from({ length: runs }, () => seconds(command, args, env)).sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
}

/** One figure held against its target. */
export interface Target {
    name: string;
    /** What was measured, and what it is compared with (1 for an absolute target). */
    figure: number;
    base: number;
    limit: number;
    /** `x` for a ratio to `base`, or a unit such as `s` or `MB` for an absolute limit. */
    unit: string;
}

export interface Section {
    /** Lines describing what was measured. */
    lines: string[];
    targets: Target[];
}
