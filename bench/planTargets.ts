/**
 * The offline plan's targets:
 *   floor   one node process loading @pulumi/pulumi, @pulumi/gcp, @pulumi/cloudflare and @pulumi/random
 *   plan    the offline plan of all three stacks: within 3x the floor
 *   scale   one stack with 100 synthetic services: within 4x the same stack with one service
 */
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { projectDir, readStackFile, stackFilePath } from "../config";
import { median, RUNS, type Section } from "./measure";

const PLAN = ["--require", "sucrase/register/ts", "tools/plan.ts"];
const FLOOR = ["-e", ["@pulumi/pulumi", "@pulumi/gcp", "@pulumi/cloudflare", "@pulumi/random"].map((m) => `require("${m}");`).join("")];

/** Prod's file with its services replaced by `count` copies of its web service (synthetic digests and hostnames). */
function syntheticStack(count: number, dir: string): string {
    const { values } = readStackFile(stackFilePath(projectDir(), "prod"));
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
    // Prod's smoke checks and rate limits name services the synthetic stack replaces.
    const edge = values["bilko:edge"] as Record<string, any>;
    const withoutLimits = { ...edge, armor: { ...edge.armor, rateLimits: {} } };
    fs.writeFileSync(file, stringify({ config: { ...values, "bilko:services": services, "bilko:releases": releases, "bilko:smoke": {}, "bilko:edge": withoutLimits } }));
    return file;
}

export function planTargets(dir: string): Section {
    const node = process.execPath;
    const floor = median(node, FLOOR);
    const planAll = median(node, PLAN);
    const one = median(node, [...PLAN, "prod", "--config", syntheticStack(1, dir)]);
    const hundred = median(node, [...PLAN, "prod", "--config", syntheticStack(100, dir)]);
    return {
        lines: [
            `offline plan (median of ${RUNS} runs, fresh node process each)`,
            `  floor (load pulumi, gcp, cloudflare, random)   ${floor.toFixed(3)} s`,
            `  plan stage + demo + prod                       ${planAll.toFixed(3)} s`,
            `  plan one stack, 1 service                      ${one.toFixed(3)} s`,
            `  plan one stack, 100 services                   ${hundred.toFixed(3)} s`,
        ],
        targets: [
            { name: "plan of all stacks / floor", figure: planAll, base: floor, limit: 3, unit: "x" },
            { name: "100 services / 1 service", figure: hundred, base: one, limit: 4, unit: "x" },
        ],
    };
}
