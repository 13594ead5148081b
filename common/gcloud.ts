/**
 * How bilko's command-line tools call the Google Cloud CLI: with the caller's own credentials, a timeout, and a
 * failure that is one line naming the command. `npm run smoke` reads its login secrets this way and
 * `npm run rollback -- <stack> --now` moves traffic this way.
 */
import { spawnSync } from "child_process";
import { truncate } from "./text";

export class GcloudError extends Error {}

/** No single gcloud call of the tools takes longer than this. */
export const GCLOUD_TIMEOUT_MS = 120_000;

/** `gcloud <args>`'s standard output; throws `GcloudError` when gcloud is missing, times out or fails. */
export function gcloud(args: readonly string[], timeoutMs = GCLOUD_TIMEOUT_MS): string {
    const command = `gcloud ${args.slice(0, 4).join(" ")}`;
    const run = spawnSync("gcloud", args, { encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    const code = run.error && "code" in run.error ? run.error.code : undefined;
    if (code === "ENOENT") {
        throw new GcloudError("gcloud is not on PATH: install the Google Cloud CLI and log in (gcloud auth login)");
    }
    if (code === "ETIMEDOUT" || run.signal === "SIGTERM") {
        throw new GcloudError(`${command} did not finish within ${timeoutMs / 1000} s`);
    }
    if (run.error || run.status !== 0) {
        const firstLine = (run.stderr ?? "").split("\n").find((line) => line.trim().length > 0) ?? `exit status ${run.status}`;
        throw new GcloudError(`${command} failed: ${truncate(firstLine.trim(), 200)}`);
    }
    return run.stdout;
}

/** `gcloud <args> --format=json`, parsed. */
export function gcloudJson(args: readonly string[], timeoutMs = GCLOUD_TIMEOUT_MS): unknown {
    const text = gcloud([...args, "--format=json"], timeoutMs);
    try {
        return JSON.parse(text);
    } catch {
        throw new GcloudError(`gcloud ${args.slice(0, 4).join(" ")} printed something other than JSON: ${truncate(text.trim(), 60)}`);
    }
}
