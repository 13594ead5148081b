/** The `rollout` output of a Cloud Run service: its split as Cloud Run reports it, read from the tagged revisions. */
import { CANARY_TAGS } from "./canary";
import type { LiveService } from "./liveService";

export interface RolloutOutputs {
    /** The revision tagged candidate; absent when the service has not been deployed by bilko yet. */
    candidate?: string;
    /** The revision tagged stable, when a fallback exists. */
    stable?: string;
    /** Share of traffic on the candidate. */
    candidatePercent?: number;
    testUrls: { candidate?: string; stable?: string };
}

/** Reads the tags off the live traffic, so the output names only revisions Cloud Run has. */
export function reportedRollout(live: LiveService): RolloutOutputs {
    const candidate = live.traffic.find((target) => target.tag === CANARY_TAGS.candidate);
    const stable = live.traffic.find((target) => target.tag === CANARY_TAGS.stable);
    return {
        ...(candidate ? { candidate: candidate.revision, candidatePercent: candidate.percent } : {}),
        ...(stable ? { stable: stable.revision } : {}),
        testUrls: { candidate: candidate?.uri, stable: stable?.uri },
    };
}
