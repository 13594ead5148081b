/**
 * Artifact Registry cleanup: untagged layers go, every `sha-` tagged version stays, since any stack may still
 * run it (prod often runs a digest that stage replaced weeks ago).
 */

export const COMMIT_TAG_PREFIX = "sha-";
const UNTAGGED_MAX_AGE_SECONDS = 14 * 24 * 3600;

export interface CleanupPolicy {
    id: string;
    action: "KEEP" | "DELETE";
    condition?: { tagState: "TAGGED" | "UNTAGGED" | "ANY"; tagPrefixes?: string[]; olderThan?: string };
    mostRecentVersions?: { keepCount: number };
}

export function cleanupPolicies(): CleanupPolicy[] {
    return [
        { id: "keep-commit-tags", action: "KEEP", condition: { tagState: "TAGGED", tagPrefixes: [COMMIT_TAG_PREFIX] } },
        { id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: 10 } },
        { id: "delete-old-untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: `${UNTAGGED_MAX_AGE_SECONDS}s` } },
    ];
}

export interface ImageVersion {
    tags: readonly string[];
    ageSeconds: number;
    /** 0 for the newest version of its package. */
    recencyRank: number;
}

/** Artifact Registry's rule: a version goes when some DELETE policy matches and no KEEP policy does. */
export function wouldDelete(policies: readonly CleanupPolicy[], version: ImageVersion): boolean {
    const matching = policies.filter((policy) => matches(policy, version));
    return matching.some((policy) => policy.action === "DELETE") && !matching.some((policy) => policy.action === "KEEP");
}

function matches(policy: CleanupPolicy, version: ImageVersion): boolean {
    if (policy.mostRecentVersions) {
        return version.recencyRank < policy.mostRecentVersions.keepCount;
    }
    const condition = policy.condition;
    if (!condition) {
        return false;
    }
    const tagged = version.tags.length > 0;
    const stateMatches = condition.tagState === "ANY" || (condition.tagState === "TAGGED") === tagged;
    const prefixMatches = !condition.tagPrefixes || version.tags.some((tag) => condition.tagPrefixes!.some((prefix) => tag.startsWith(prefix)));
    const ageMatches = !condition.olderThan || version.ageSeconds > parseInt(condition.olderThan, 10);
    return stateMatches && prefixMatches && ageMatches;
}
