/**
 * How bilko's command-line tools call the Google Cloud CLI: with the caller's own credentials, under the same runner
 * as every outside command (a time limit, an output cap, stopped on Ctrl-C), and a failure that is one line naming
 * the command. `npm run smoke` reads its login secrets this way and `npm run rollback -- <stack> --now` moves traffic
 * this way.
 */
import { CommandError, runCommand } from "./commandRunner";
import { truncate } from "./text";

export class GcloudError extends Error {}

/** No single gcloud call of the tools takes longer than this, unless the caller gives its own limit. */
export const GCLOUD_TIMEOUT_MS = 120_000;

export interface GcloudOptions {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    /** @default GCLOUD_TIMEOUT_MS */
    timeoutMs?: number;
    /** Aborting stops gcloud; the call rejects with the runner's CommandAborted. */
    signal?: AbortSignal;
}

/** `gcloud <args>`'s standard output; rejects with `GcloudError` when gcloud is missing, times out or fails. */
export async function gcloud(args: readonly string[], options: GcloudOptions = {}): Promise<string> {
    try {
        return await runCommand("gcloud", args, {
            cwd: options.cwd ?? process.cwd(),
            env: options.env ?? process.env,
            timeoutMs: options.timeoutMs ?? GCLOUD_TIMEOUT_MS,
            signal: options.signal,
            label: `gcloud ${args.slice(0, 4).join(" ")}`,
        });
    } catch (error) {
        if (error instanceof CommandError) {
            throw new GcloudError(error.failure === "missing" ? "gcloud is not on PATH: install the Google Cloud CLI and log in (gcloud auth login)" : truncate(error.message, 300));
        }
        throw error;
    }
}

/** `gcloud <args> --format=json`, parsed. */
export async function gcloudJson(args: readonly string[], options: GcloudOptions = {}): Promise<unknown> {
    const text = await gcloud([...args, "--format=json"], options);
    try {
        return JSON.parse(text);
    } catch {
        throw new GcloudError(`gcloud ${args.slice(0, 4).join(" ")} printed something other than JSON: ${truncate(text.trim(), 60)}`);
    }
}
