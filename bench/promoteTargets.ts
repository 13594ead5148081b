/**
 * The promote command's targets on a large stack: 100 services with 20 audit entries each (synthetic digests,
 * hostnames and entries), every service getting a new digest from the upstream, so the edit changes 100 digests,
 * appends 100 entries and drops the 100 oldest. Measured as `npm run promote` runs, in fresh processes, against the
 * promotion tests' fake pulumi (test/fixtures/promotion/bin): the time of the whole command and its peak memory.
 *   time    at most 2 s
 *   memory  at most 300 MB
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { registryUrl } from "../components/registry/images";
import { projectDir, readStackFile, stackFilePath } from "../config";
import { RUNS, type Section } from "./measure";

const SERVICES = 100;
const ENTRIES_PER_SERVICE = 20;
/** As the committed files are written; each service its own copy, no YAML anchors and aliases. */
const FORMAT = { lineWidth: 0, flowCollectionPadding: false, aliasDuplicateObjects: false } as const;

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;

/** A project directory whose demo stack has the large file, and whose fake stage runs a new digest everywhere. */
function largeProject(dir: string): { project: string; demoFile: string; demoText: string; env: NodeJS.ProcessEnv } {
    const project = path.join(dir, "promote-100");
    const fixtures = path.join(project, ".fake-pulumi");
    fs.mkdirSync(fixtures, { recursive: true });
    const root = projectDir();
    fs.copyFileSync(path.join(root, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
    fs.copyFileSync(stackFilePath(root, "stage"), path.join(project, "Pulumi.stage.yaml"));
    const { values } = readStackFile(stackFilePath(root, "demo"));
    const web = (values["bilko:services"] as Record<string, Record<string, unknown>>).web;
    const services: Record<string, unknown> = {};
    const releases: unknown[] = [];
    const upstream: Record<string, unknown> = {};
    for (let i = 0; i < SERVICES; i++) {
        services[`s${i}`] = { ...web, hostname: `bilko-s${i}.alai.no`, env: {}, digest: digest(i * 100 + ENTRIES_PER_SERVICE - 1) };
        upstream[`s${i}`] = { digest: digest(1_000_000 + i) };
    }
    for (let entry = 0; entry < ENTRIES_PER_SERVICE; entry++) {
        for (let i = 0; i < SERVICES; i++) {
            releases.push({ service: `s${i}`, digest: digest(i * 100 + entry), from: "stage", at: `2026-11-${String(entry + 1).padStart(2, "0")}T00:00:00Z`, by: "bench@example.com", kind: "promote", reason: "synthetic" });
        }
    }
    const demoText = stringify({ config: { ...values, "bilko:services": services, "bilko:releases": releases } }, FORMAT);
    const stage = readStackFile(stackFilePath(root, "stage")).values;
    const registry = stage["bilko:registry"] as { location: string; repository: string };
    const outputs = { environment: "stage", registryUrl: registryUrl(registry.location, stage["gcp:project"] as string, registry.repository), services: upstream };
    fs.writeFileSync(path.join(fixtures, "output.stage.json"), JSON.stringify(outputs));
    fs.writeFileSync(path.join(fixtures, ".gitconfig"), "[user]\n\temail = bench@example.com\n");
    const env = {
        ...process.env,
        PATH: `${path.join(root, "test/fixtures/promotion/bin")}${path.delimiter}${process.env.PATH ?? ""}`,
        FAKE_PULUMI_DIR: fixtures,
        GIT_CONFIG_GLOBAL: path.join(fixtures, ".gitconfig"),
        GIT_CONFIG_NOSYSTEM: "1",
        BILKO_BENCH_PEAK_FILE: path.join(fixtures, "peak"),
    };
    return { project, demoFile: path.join(project, "Pulumi.demo.yaml"), demoText, env };
}

/** One `npm run promote -- demo` on a fresh copy of the large file: seconds, and peak memory in MB. */
function promoteOnce(setup: ReturnType<typeof largeProject>): { seconds: number; megabytes: number } {
    fs.writeFileSync(setup.demoFile, setup.demoText);
    const root = projectDir();
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ["--require", require.resolve("sucrase/register/ts"), "--require", path.join(root, "bench/reportPeakMemory.ts"), path.join(root, "tools/promote.ts"), "demo", "--reason", "bench"], {
        cwd: setup.project,
        env: setup.env,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0 || !run.stdout.includes(`wrote Pulumi.demo.yaml`)) {
        throw new Error(`promote on ${SERVICES} services failed (exit ${run.status}):\n${run.stderr}`);
    }
    return { seconds, megabytes: Number(fs.readFileSync(setup.env.BILKO_BENCH_PEAK_FILE!, "utf8")) / 1024 };
}

export function promoteTargets(dir: string): Section {
    const setup = largeProject(dir);
    promoteOnce(setup);
    const runs = Array.from({ length: RUNS }, () => promoteOnce(setup));
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const seconds = median(runs.map((run) => run.seconds));
    const megabytes = Math.max(...runs.map((run) => run.megabytes));
    const lines = setup.demoText.split("\n").length;
    return {
        lines: [
            `promote (median of ${RUNS} runs, fresh node process each; ${SERVICES} services x ${ENTRIES_PER_SERVICE} audit entries, ${lines} lines, synthetic)`,
            `  time of npm run promote -- demo               ${seconds.toFixed(3)} s`,
            `  peak memory (largest of the runs)             ${megabytes.toFixed(1)} MB`,
        ],
        targets: [
            { name: `promote, ${SERVICES} services x ${ENTRIES_PER_SERVICE} entries`, figure: seconds, base: 1, limit: 2, unit: "s" },
            { name: "promote, peak memory", figure: megabytes, base: 1, limit: 300, unit: "MB" },
        ],
    };
}
