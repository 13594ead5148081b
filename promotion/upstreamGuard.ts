/**
 * The upstream guard: every digest a stack with `bilko:upstream` runs must have run in that upstream first, unless the
 * service's latest audit entry forces exactly that digest with a reason.
 */
import type { ProgramVerdict } from "./programGuard";
import { isForcedRelease, latestRelease, parseReleasedDigests } from "./releases";
import { KEYS, serviceDigestKey, type Release } from "../config";

export interface UpstreamCheckInput {
    /** File named in the refusal (`Pulumi.prod.yaml`). */
    file: string;
    stack: string;
    upstream: string;
    /** Digest each service of this stack is configured with. */
    digests: Record<string, string>;
    releases: readonly Release[];
    /** The upstream's `releasedDigests` output as read; undefined when it has none. */
    upstreamReleased: unknown;
}

export type ServiceVerdict =
    | { service: string; digest: string; verdict: "ran" }
    | { service: string; digest: string; verdict: "forced"; reason: string }
    | { service: string; digest: string; verdict: "refused"; problem: string };

export interface UpstreamVerdict {
    upstream: string;
    services: ServiceVerdict[];
    /** Whether the upstream deployed this program (see programGuard.ts). */
    program?: ProgramVerdict;
    /** The one line that stops the deployment; absent when every service may deploy. */
    refusal?: string;
}

export function checkUpstream(input: UpstreamCheckInput): UpstreamVerdict {
    const parsed = input.upstreamReleased === undefined ? undefined : parseReleasedDigests(input.upstreamReleased);
    const ran = parsed && "digests" in parsed ? parsed.digests : undefined;
    const upstreamProblem = ran
        ? undefined
        : `stack "${input.upstream}" reports ${parsed ? `a malformed releasedDigests output (${(parsed as { problem: string }).problem})` : "no releasedDigests output"}`;
    const services = Object.entries(input.digests).map(([service, digest]): ServiceVerdict => {
        const latest = latestRelease(input.releases, service);
        if (ran?.[service]?.includes(digest)) {
            return { service, digest, verdict: "ran" };
        }
        if (isForcedRelease(latest, digest)) {
            return { service, digest, verdict: "forced", reason: latest!.reason! };
        }
        return { service, digest, verdict: "refused", problem: upstreamProblem ?? `never ran in stack "${input.upstream}"` };
    });
    const refused = services.filter((verdict) => verdict.verdict === "refused");
    if (refused.length === 0) {
        return { upstream: input.upstream, services };
    }
    const remedy =
        `promote from ${input.upstream} (npm run promote -- ${input.stack}), or record why a digest may skip ${input.upstream}: ` +
        `a ${KEYS.releases} entry for it with kind: force and a reason`;
    const what = upstreamProblem
        ? `${KEYS.upstream}: ${upstreamProblem}, so no digest can be shown to have run there (deploy ${input.upstream} with this program first); ` +
          `refused: ${refused.map((verdict) => verdict.service).join(", ")}`
        : refused.map((verdict) => `${serviceDigestKey(verdict.service)}: ${verdict.digest} never ran in stack "${input.upstream}"`).join("; ");
    return { upstream: input.upstream, services, refusal: `${input.file}: ${what}; ${remedy}` };
}
