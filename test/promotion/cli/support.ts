/**
 * A throwaway copy of the project's stack files with the fake `pulumi` first on PATH, and runs of the promotion tools
 * in it: in this process (fast), or as their own process where the process boundary is what a test is about.
 */
import { spawn, type SpawnOptions } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { main as promote } from "../../../promotion/cli/promote";
import { main as rollback } from "../../../promotion/cli/rollback";
import { PROJECT_DIR } from "../../support/stacks";

export { digestOf } from "../../support/digests";

const FAKE_PULUMI_BIN = path.join(PROJECT_DIR, "test/fixtures/promotion/bin");
const SUCRASE = require.resolve("sucrase/register/ts");
const TOOLS = { promote, rollback };

export const RELEASER = "releaser@example.com";
/** Where every committed stack pulls its images from: what a genuine stack of this program reports as registryUrl. */
export const REGISTRY_URL = "europe-north1-docker.pkg.dev/tribal-sign-487920-k0/bilko";

export interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

export type Tool = keyof typeof TOOLS;

export type StartOptions = SpawnOptions & { extraEnv?: Record<string, string>; fileSizeBlocks?: number };

const projectDirs: string[] = [];
// A root-level hook: every throwaway project goes once the whole run is over.
after(() => projectDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

export class Project {
    readonly dir: string;
    /** Where the fake pulumi finds its answers and logs its calls. */
    readonly fixtures: string;
    private readonly gitConfig: string;

    /**
     * A copy of the project's files in a new directory, or in `dir` (which must exist and be empty); the fake pulumi's
     * files go to `fixtures` (default: inside the project).
     */
    constructor(options: { dir?: string; extension?: string; fixtures?: string; windows?: boolean } = {}) {
        const extension = options.extension ?? ".yaml";
        this.dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "bilko-promotion-"));
        this.fixtures = options.fixtures ?? path.join(this.dir, ".fake-pulumi");
        this.gitConfig = path.join(this.fixtures, ".gitconfig");
        projectDirs.push(this.dir, this.fixtures);
        fs.mkdirSync(this.fixtures, { recursive: true });
        for (const stack of ["", ".stage", ".demo", ".prod"]) {
            const text = fs.readFileSync(path.join(PROJECT_DIR, `Pulumi${stack}.yaml`), "utf8");
            fs.writeFileSync(path.join(this.dir, `Pulumi${stack}${extension}`), options.windows ? text : withoutWindows(text));
        }
        fs.writeFileSync(this.gitConfig, `[user]\n\temail = ${RELEASER}\n`);
    }

    file(stack: string): string {
        const yml = path.join(this.dir, `Pulumi.${stack}.yml`);
        return fs.existsSync(yml) ? yml : path.join(this.dir, `Pulumi.${stack}.yaml`);
    }

    read(stack: string): string {
        return fs.readFileSync(this.file(stack), "utf8");
    }

    write(stack: string, text: string): void {
        fs.writeFileSync(this.file(stack), text);
    }

    /** The stack's config as a plain object. */
    config(stack: string): Record<string, any> {
        return (parse(this.read(stack)) as { config: Record<string, any> }).config;
    }

    /**
     * What `pulumi stack output --json --stack <name>` prints: a string as it is; an object over the identity every
     * stack of this program reports (`environment`: the stack's name, `registryUrl`), which it may override.
     */
    outputs(name: string, outputs: unknown): this {
        const stack = name.split("/").pop()!;
        const identified = typeof outputs === "object" && outputs !== null && !Array.isArray(outputs) ? { environment: stack, registryUrl: REGISTRY_URL, ...outputs } : outputs;
        fs.writeFileSync(this.answer("output", name), typeof identified === "string" ? identified : JSON.stringify(identified));
        return this;
    }

    /** What `pulumi stack history --json --stack <name>` prints. */
    history(name: string, updates: unknown[]): this {
        fs.writeFileSync(this.answer("history", name), JSON.stringify(updates));
        return this;
    }

    calls(): string[] {
        const log = path.join(this.fixtures, "calls.log");
        return fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
    }

    /** What the fake `gcloud run revisions list --service <service> --format=json` prints. */
    revisions(service: string, revisions: unknown[]): this {
        fs.writeFileSync(path.join(this.fixtures, `revisions.${service}.json`), JSON.stringify(revisions));
        return this;
    }

    gcloudCalls(): string[] {
        const log = path.join(this.fixtures, "gcloud.log");
        return fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
    }

    /** The environment `npm run <tool>` gets: the fake pulumi first on PATH, git configured with RELEASER. */
    env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
        return {
            PATH: `${FAKE_PULUMI_BIN}${path.delimiter}${process.env.PATH ?? ""}`,
            HOME: this.fixtures,
            USER: "login-name",
            GIT_CONFIG_GLOBAL: this.gitConfig,
            GIT_CONFIG_NOSYSTEM: "1",
            FAKE_PULUMI_DIR: this.fixtures,
            ...extra,
        };
    }

    /** The command run in this process from the project directory, its output captured. */
    async run(tool: Tool, args: string[], env: Record<string, string> = {}, now?: Date): Promise<Run> {
        let stdout = "";
        let stderr = "";
        const context = { cwd: this.dir, env: this.env(env), out: (text: string) => (stdout += `${text}\n`), err: (text: string) => (stderr += `${text}\n`), ...(now ? { now } : {}) };
        const status = await TOOLS[tool](args, context);
        return { status, stdout, stderr };
    }

    /** `node tools/<tool>.ts args` as its own process, as `npm run <tool>` starts it; see start(). */
    spawn(tool: Tool, args: string[], options: StartOptions = {}): Promise<Run> {
        return this.start(tool, args, options).done;
    }

    /**
     * Starts `node tools/<tool>.ts args` from the project directory: with `extraEnv` added to its environment, and
     * under `ulimit -f <fileSizeBlocks>` (512-byte blocks) when given.
     */
    start(tool: Tool, args: string[], options: StartOptions = {}): { pid: number; done: Promise<Run> } {
        const { extraEnv, fileSizeBlocks, ...spawnOptions } = options;
        const command = [process.execPath, "--require", SUCRASE, path.join(PROJECT_DIR, "tools", `${tool}.ts`), ...args];
        const [file, ...argv] = fileSizeBlocks === undefined ? command : ["/bin/sh", "-c", `ulimit -f ${fileSizeBlocks} && exec "$@"`, "sh", ...command];
        const child = spawn(file, argv, { cwd: this.dir, env: this.env(extraEnv), ...spawnOptions });
        const done = new Promise<Run>((resolve) => {
            let stdout = "";
            let stderr = "";
            child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
            child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
            child.on("close", (status) => resolve({ status, stdout, stderr }));
        });
        return { pid: child.pid!, done };
    }

    /** Runs without git knowing any email, so `by` falls back to $USER. */
    forgetGitEmail(): this {
        fs.writeFileSync(this.gitConfig, "");
        return this;
    }

    private answer(kind: "output" | "history", name: string): string {
        // The fake reads <kind>.<name with "/" as "~">.json: an organization-qualified name gets its own answer.
        return path.join(this.fixtures, `${kind}.${name.replaceAll("/", "~")}.json`);
    }
}

/**
 * The stack file without its deploy windows (`bilko:promotion.windows`, with the comment before it): the committed
 * windows would make every promotion test depend on the day it runs. Tests of the windows keep them and fix `now`.
 */
export function withoutWindows(text: string): string {
    const lines = text.split("\n");
    const start = lines.findIndex((line) => line === "    windows:");
    if (start === -1) {
        return text;
    }
    let end = start + 1;
    while (end < lines.length && /^ {6}/.test(lines[end])) {
        end++;
    }
    let first = start;
    while (first > 0 && /^ {4}#/.test(lines[first - 1])) {
        first--;
    }
    return [...lines.slice(0, first), ...lines.slice(end)].join("\n");
}

/** The migrator digest every upstream of these tests reports (synthetic). */
export const UPSTREAM_MIGRATOR = `sha256:${"7".repeat(64)}`;

/** Outputs of an upstream that runs these digests (the `services` export, reduced to what promote reads). */
export function upstreamOutputs(digests: Record<string, unknown>): Record<string, unknown> {
    return { services: Object.fromEntries(Object.entries(digests).map(([service, digest]) => [service, { digest, migrator: UPSTREAM_MIGRATOR }])) };
}

/** One revision as `gcloud run revisions list --format=json` prints it (the Knative-style v1 shape). */
export function revision(name: string, image: string, created: string, ready = true): Record<string, unknown> {
    return {
        metadata: { name, creationTimestamp: created },
        spec: { containers: [{ image }] },
        status: { conditions: [{ type: "Ready", status: ready ? "True" : "False" }], imageDigest: image },
    };
}

/** One `pulumi stack history --json` entry, with the CLI's time format (UTC, milliseconds). */
export function update(version: number, result: "succeeded" | "failed", endTime: Date, kind = "update"): Record<string, unknown> {
    return { version, kind, startTime: new Date(endTime.getTime() - 60000).toISOString(), message: "", environment: {}, config: {}, result, endTime: endTime.toISOString(), resourceChanges: { same: 12 } };
}

export function minutesAgo(minutes: number): Date {
    return new Date(Date.now() - minutes * 60000);
}

/** Whether `pid` is a live process: a zombie (dead, not yet reaped by whoever inherited it) is not. */
export function isRunning(pid: number): boolean {
    try {
        return !/^\d+ \(.*\) Z /s.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
        return false;
    }
}

