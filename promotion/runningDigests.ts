/**
 * No implicit rollback of a stack whose digests come from the build (stage): its file lags behind what the pipeline
 * deployed (the build sets the digest in its own working copy), so a digest in the file that the stack released
 * before the one it runs now would roll it back. That is refused unless the audit trail asks for exactly that
 * digest (`npm run rollback`, or `kind: force`).
 */
import { latestRelease, type ReleasedDigests } from "./releases";
import { serviceDigestKey, type Release } from "../config";

export interface StaleDigest {
    service: string;
    /** What the file says. */
    configured: string;
    /** What the stack runs: its newest released digest. */
    running: string;
}

export function staleDigests(input: { digests: Record<string, string>; released: ReleasedDigests | undefined; releases: readonly Release[] }): StaleDigest[] {
    return Object.entries(input.digests).flatMap(([service, configured]): StaleDigest[] => {
        const history = input.released?.[service] ?? [];
        const running = history[0];
        if (running === undefined || configured === running || !history.includes(configured)) {
            return [];
        }
        const latest = latestRelease(input.releases, service);
        const asked = latest?.digest === configured && (latest.kind === "rollback" || latest.kind === "force");
        return asked ? [] : [{ service, configured, running }];
    });
}

export function staleDigestRefusal(file: string, stack: string, stale: readonly StaleDigest[]): string | undefined {
    if (stale.length === 0) {
        return undefined;
    }
    const what = stale.map((entry) => `${serviceDigestKey(entry.service)}: ${entry.configured} is older than ${entry.running}, which ${stack} runs`).join("; ");
    const set = stale.map((entry) => `pulumi config set --stack ${stack} --path ${serviceDigestKey(entry.service)} ${entry.running}`).join(" && ");
    return `${file}: ${what}; deploying it would roll ${stack} back: deploy what runs (${set}), or roll back on purpose (npm run rollback -- ${stack})`;
}
