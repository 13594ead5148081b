/**
 * `npm run bench`: the performance targets, measured in one run on this machine.
 *   floor   one node process loading @pulumi/pulumi, @pulumi/gcp, @pulumi/cloudflare and @pulumi/random
 *   plan    the offline plan of all three stacks: within 3x the floor
 *   scale   one stack with 100 synthetic services: within 4x the same stack with one service
 * Each figure is the median of several runs of a fresh process. Exit 1 when a target is missed.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { projectDir, readStackFile, stackFilePath } from "../config";

const PROJECT_DIR = projectDir();
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PLAN = ["--require", "sucrase/register/ts", "tools/plan.ts"];
const FLOOR = ["-e", ["@pulumi/pulumi", "@pulumi/gcp", "@pulumi/cloudflare", "@pulumi/random"].map((m) => `require("${m}");`).join("")];

function seconds(args: string[]): number {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: PROJECT_DIR, encoding: "utf8" });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) {
        throw new Error(`node ${args.join(" ")} failed (exit ${run.status}):\n${run.stderr}`);
    }
    return elapsed;
}

function median(args: string[]): number {
    seconds(args); // warm the file-system cache
    const times = Array.from({ length: RUNS }, () => seconds(args)).sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
}

/** Prod's file with its services replaced by `count` copies of its web service. */
function syntheticStack(count: number, dir: string): string {
    const { values } = readStackFile(stackFilePath(PROJECT_DIR, "prod"));
    const web = (values["bilko:services"] as Record<string, any>).web;
    const services: Record<string, unknown> = {};
    const releases: unknown[] = [];
    for (let i = 0; i < count; i++) {
        const digest = `sha256:${i.toString(16).padStart(64, "0")}`;
        services[`s${i}`] = { ...web, hostname: `bilko-s${i}.alai.no`, env: {}, digest };
        // These digests never ran in demo: forced releases let the upstream guard admit them (and still check each).
        releases.push({ service: `s${i}`, digest, from: "demo", at: "2026-11-22T00:00:00Z", by: "bench", kind: "force", reason: "synthetic" });
    }
    const file = path.join(dir, `synthetic-${count}.yaml`);
    fs.writeFileSync(file, stringify({ config: { ...values, "bilko:services": services, "bilko:releases": releases } }));
    return file;
}

interface Target {
    name: string;
    figure: number;
    base: number;
    limit: number;
}

function main(): number {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-bench-"));
    const floor = median(FLOOR);
    const planAll = median(PLAN);
    const one = median([...PLAN, "prod", "--config", syntheticStack(1, dir)]);
    const hundred = median([...PLAN, "prod", "--config", syntheticStack(100, dir)]);
    fs.rmSync(dir, { recursive: true, force: true });

    console.log(`median of ${RUNS} runs, fresh node process each`);
    console.log(`  floor (load pulumi, gcp, cloudflare, random)   ${floor.toFixed(3)} s`);
    console.log(`  plan stage + demo + prod                       ${planAll.toFixed(3)} s`);
    console.log(`  plan one stack, 1 service                      ${one.toFixed(3)} s`);
    console.log(`  plan one stack, 100 services                   ${hundred.toFixed(3)} s`);
    const targets: Target[] = [
        { name: "plan of all stacks / floor", figure: planAll, base: floor, limit: 3 },
        { name: "100 services / 1 service", figure: hundred, base: one, limit: 4 },
    ];
    let missed = 0;
    for (const target of targets) {
        const ratio = target.figure / target.base;
        const ok = ratio <= target.limit;
        missed += ok ? 0 : 1;
        console.log(`  ${target.name.padEnd(28)} ${ratio.toFixed(2)}x  (target <= ${target.limit}x)  ${ok ? "ok" : "MISSED"}`);
    }
    return missed === 0 ? 0 : 1;
}

process.exitCode = main();
