/**
 * Canary releases on Cloud Run: how traffic is split between the revision carrying the newly released digest (the
 * candidate) and the revision that served all traffic before it (the stable one). The stable revision is read from the
 * live service (what Cloud Run reports serving), never from a previous stack output: an output can name a revision
 * that a failed or partial deployment never created, and Cloud Run refuses traffic to a revision that does not exist.
 */
import type { LiveService } from "./liveService";

/** Revision tags; each gives its revision a test URL `https://<tag>---<service host>`. */
export const CANARY_TAGS = { candidate: "candidate", stable: "stable" } as const;
export type CanaryTag = (typeof CANARY_TAGS)[keyof typeof CANARY_TAGS];

/** The split one deployment asks Cloud Run for. */
export interface RolloutState {
    candidate: string;
    /** Absent on a service's first deployment, or when the candidate already serves everything. */
    stable?: string;
    /** Share of traffic on the candidate; the stable revision has the rest. */
    candidatePercent: number;
}

export interface TrafficTarget {
    revision: string;
    percent: number;
    tag: CanaryTag;
}

export interface NextRolloutInput {
    /** Revision name of this deployment's template. */
    candidate: string;
    requestedPercent: number;
    /** The service as Cloud Run serves it now; undefined when it does not exist yet. */
    live?: LiveService;
}

/**
 * The split of this deployment. The stable revision is the one that last served all traffic, as the live service
 * shows it: during an unfinished canary that is the revision tagged stable, otherwise the revision with the most
 * traffic. When the candidate is already live (a re-run, `promote --finish`, the pipeline reconciling after
 * `rollback --now`), the revision tagged stable keeps its place, so re-running a deployment never moves it; a
 * candidate that is itself the stable revision (a rollback onto it) takes all traffic alone.
 */
export function nextRollout(input: NextRolloutInput): RolloutState {
    const { candidate, live } = input;
    const stable = live ? stableRevision(candidate, live) : undefined;
    if (stable === undefined) {
        return { candidate, candidatePercent: 100 };
    }
    return { candidate, stable, candidatePercent: input.requestedPercent };
}

function stableRevision(candidate: string, live: LiveService): string | undefined {
    const tagged = (tag: CanaryTag) => live.traffic.find((target) => target.tag === tag)?.revision;
    const stable = tagged(CANARY_TAGS.stable);
    if (live.traffic.some((target) => target.revision === candidate)) {
        // Already live: keep its fallback; if it is the fallback itself (a rollback onto it), it needs none.
        return stable !== candidate ? stable : undefined;
    }
    const liveCandidate = live.traffic.find((target) => target.tag === CANARY_TAGS.candidate);
    if (liveCandidate && liveCandidate.percent < 100 && stable) {
        return stable;
    }
    return live.traffic.filter((target) => target.percent > 0).sort((a, b) => b.percent - a.percent)[0]?.revision;
}

/** Cloud Run traffic targets of a rollout: both revisions by name, each with its tag (a 0% target keeps its test URL). */
export function trafficTargets(state: RolloutState): TrafficTarget[] {
    const candidate = { revision: state.candidate, percent: state.candidatePercent, tag: CANARY_TAGS.candidate };
    return state.stable === undefined ? [candidate] : [candidate, { revision: state.stable, percent: 100 - state.candidatePercent, tag: CANARY_TAGS.stable }];
}
