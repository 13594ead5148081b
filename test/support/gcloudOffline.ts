/**
 * Runs the real gcloud with no way to reach a project: an empty configuration directory, a made-up active account,
 * no GCE metadata credentials and a made-up project. gcloud parses a command's arguments before it asks for
 * credentials, so a command it accepts fails on the credentials, and one it rejects fails on its arguments: nothing
 * is ever sent. Used by `npm run verify` (gcloud is not an npm package; .ci/run installs it).
 */
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const OFFLINE_PROJECT = "bilko-verify-offline";
const NO_CREDENTIALS = /does not have any valid credentials/;

export interface OfflineRun {
    command: string;
    output: string;
}

/** gcloud `args` (with `env`), offline; resolves with what it printed. */
export function gcloudOffline(args: string[], env: Record<string, string> = {}): Promise<OfflineRun> {
    const config = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-gcloud-config-"));
    const offline = args.map((arg) => arg.replace(/^--project=.*$/, `--project=${OFFLINE_PROJECT}`));
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, CLOUDSDK_CONFIG: config, CLOUDSDK_CORE_ACCOUNT: "verify@invalid.example", CLOUDSDK_CORE_CHECK_GCE_METADATA: "false" };
    delete childEnv.GOOGLE_APPLICATION_CREDENTIALS;
    return new Promise((resolve) => {
        const child = spawn("gcloud", offline, { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.on("error", (error) => resolve({ command: `gcloud ${offline.join(" ")}`, output: `could not run gcloud: ${error.message}; install it (.ci/run does)` }));
        child.on("close", () => {
            fs.rmSync(config, { recursive: true, force: true });
            resolve({ command: `gcloud ${offline.join(" ")}`, output });
        });
    });
}

/** Each command run offline, a few at a time; fails naming every command gcloud did not accept. */
export async function assertGcloudAccepts(commands: Array<{ args: string[]; env?: Record<string, string> }>): Promise<void> {
    const runs: OfflineRun[] = [];
    for (let start = 0; start < commands.length; start += 4) {
        runs.push(...(await Promise.all(commands.slice(start, start + 4).map((command) => gcloudOffline(command.args, command.env)))));
    }
    const rejected = runs.filter((run) => !NO_CREDENTIALS.test(run.output)).map((run) => `${run.command}\n    ${run.output.trim().split("\n").slice(0, 3).join("\n    ")}`);
    assert.deepStrictEqual(rejected, []);
}
