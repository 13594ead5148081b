/**
 * Canary releases on Cloud Run: how traffic is split between the revision carrying the newly released digest (the
 * candidate) and the revision that served all traffic before it (the stable one), and how that state carries over
 * from one deployment to the next.
 */

/** Revision tags; each gives its revision a test URL `https://<tag>---<service host>`. */
export const CANARY_TAGS = { candidate: "candidate", stable: "stable" } as const;
export type CanaryTag = (typeof CANARY_TAGS)[keyof typeof CANARY_TAGS];

/** What a deployment leaves behind, exported so the next deployment knows the exact previous revision names. */
export interface RolloutState {
    candidate: string;
    /** Absent on a service's first deployment: there is nothing to fall back to. */
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
    /** The state the previous deployment exported; undefined on the first one. */
    previous?: RolloutState;
}

/**
 * The split of this deployment. The stable revision is the one that last served all traffic: the previous candidate
 * once it had 100%, else the previous stable one. An unchanged candidate keeps its stable revision, so re-running a
 * deployment (or finishing a canary) never moves the fallback.
 */
export function nextRollout(input: NextRolloutInput): RolloutState {
    const { candidate, previous } = input;
    if (!previous) {
        return { candidate, candidatePercent: 100 };
    }
    const stable =
        previous.candidate === candidate
            ? previous.stable
            : previous.candidatePercent === 100 || previous.stable === undefined
              ? previous.candidate
              : previous.stable;
    if (stable === undefined || stable === candidate) {
        return { candidate, candidatePercent: 100 };
    }
    return { candidate, stable, candidatePercent: input.requestedPercent };
}

/** Cloud Run traffic targets of a rollout: both revisions by name, each with its tag (a 0% target keeps its test URL). */
export function trafficTargets(state: RolloutState): TrafficTarget[] {
    const candidate = { revision: state.candidate, percent: state.candidatePercent, tag: CANARY_TAGS.candidate };
    return state.stable === undefined ? [candidate] : [candidate, { revision: state.stable, percent: 100 - state.candidatePercent, tag: CANARY_TAGS.stable }];
}

/** A rollout state read back from a stack output; anything malformed counts as none (a first deployment). */
export function parseRolloutState(value: unknown): RolloutState | undefined {
    if (typeof value !== "object" || value === null) {
        return undefined;
    }
    const { candidate, stable, candidatePercent } = value as Record<string, unknown>;
    const validPercent = typeof candidatePercent === "number" && Number.isInteger(candidatePercent) && candidatePercent >= 0 && candidatePercent <= 100;
    if (typeof candidate !== "string" || candidate === "" || !validPercent || (stable !== undefined && typeof stable !== "string")) {
        return undefined;
    }
    return stable === undefined ? { candidate, candidatePercent } : { candidate, stable, candidatePercent };
}
