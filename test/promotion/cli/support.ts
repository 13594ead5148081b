/** A throwaway copy of the project's stack files, the fake `pulumi` first on PATH, and runs of the promotion tools. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../../support/stacks";

export { digestOf } from "../../support/digests";

const FAKE_PULUMI_BIN = path.join(PROJECT_DIR, "test/fixtures/promotion/bin");
const SUCRASE = require.resolve("sucrase/register/ts");

export const RELEASER = "releaser@example.com";

export interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

const projectDirs: string[] = [];
// A root-level hook: every throwaway project goes once the whole run is over.
after(() => projectDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

export class Project {
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-promotion-"));
    /** Where the fake pulumi finds its answers and logs its calls. */
    readonly fixtures = path.join(this.dir, ".fake-pulumi");
    private readonly gitConfig = path.join(this.dir, ".gitconfig");

    constructor() {
        projectDirs.push(this.dir);
        fs.mkdirSync(this.fixtures);
        for (const file of ["Pulumi.yaml", "Pulumi.stage.yaml", "Pulumi.demo.yaml", "Pulumi.prod.yaml"]) {
            fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(this.dir, file));
        }
        fs.writeFileSync(this.gitConfig, `[user]\n\temail = ${RELEASER}\n`);
    }

    file(stack: string): string {
        return path.join(this.dir, `Pulumi.${stack}.yaml`);
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

    /** What `pulumi stack output --json --stack <stack>` prints (a string is printed as is). */
    outputs(stack: string, outputs: unknown): this {
        fs.writeFileSync(path.join(this.fixtures, `output.${stack}.json`), typeof outputs === "string" ? outputs : JSON.stringify(outputs));
        return this;
    }

    /** What `pulumi stack history --json --stack <stack>` prints. */
    history(stack: string, updates: unknown[]): this {
        fs.writeFileSync(path.join(this.fixtures, `history.${stack}.json`), JSON.stringify(updates));
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

    run(tool: "promote" | "rollback", args: string[], env: Record<string, string> = {}): Run {
        const run = spawnSync(process.execPath, ["--require", SUCRASE, path.join(PROJECT_DIR, "tools", `${tool}.ts`), ...args], {
            cwd: this.dir,
            encoding: "utf8",
            env: {
                PATH: `${FAKE_PULUMI_BIN}${path.delimiter}${process.env.PATH ?? ""}`,
                HOME: this.dir,
                USER: "login-name",
                GIT_CONFIG_GLOBAL: this.gitConfig,
                GIT_CONFIG_NOSYSTEM: "1",
                FAKE_PULUMI_DIR: this.fixtures,
                ...env,
            },
        });
        return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    }

    /** Runs without git knowing any email, so `by` falls back to $USER. */
    forgetGitEmail(): this {
        fs.writeFileSync(this.gitConfig, "");
        return this;
    }
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

/** One `pulumi stack history --json` entry. */
export function update(version: number, result: "succeeded" | "failed", endTime: Date, kind = "update"): Record<string, unknown> {
    return { version, kind, startTime: new Date(endTime.getTime() - 60000).toISOString(), message: "", environment: {}, config: {}, result, endTime: endTime.toISOString(), resourceChanges: { same: 12 } };
}

export function minutesAgo(minutes: number): Date {
    return new Date(Date.now() - minutes * 60000);
}
