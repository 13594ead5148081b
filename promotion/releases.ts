/** The release history of a stack: which digests it ran, and how its audit trail (`bilko:releases`) is kept. */
import { isDigest } from "../components/registry/images";
import { show } from "../common/text";
import type { Release } from "../config";

/** Audit entries kept per service; older ones are dropped when a new one is appended. */
export const RELEASES_KEPT_PER_SERVICE = 20;

/** Digests a stack reports per service (newest first); enough for any promotion still worth making. */
export const RELEASED_DIGESTS_KEPT = 100;

/** Digests per service, newest first. */
export type ReleasedDigests = Record<string, string[]>;

/** The digest each service is configured with. */
export function configuredDigests(services: Readonly<Record<string, { digest: string }>>): Record<string, string> {
    return Object.fromEntries(Object.entries(services).map(([name, service]) => [name, service.digest]));
}

/** The migrator digest of each service with migrations. */
export function configuredMigrators(services: Readonly<Record<string, { migrations?: { digest: string } }>>): Record<string, string> {
    return Object.fromEntries(Object.entries(services).flatMap(([name, service]) => (service.migrations ? [[name, service.migrations.digest]] : [])));
}

export interface ReleasedDigestsInput {
    /** The digest each service runs now. */
    current: Record<string, string>;
    /**
     * The digest of each service whose smoke test passed at this deployment (the pipeline's release step says so).
     * Only a current digest named here is released.
     */
    smokePassed: Readonly<Record<string, string>>;
    /** What the stack reported after its previous successful deployment; undefined before its first one. */
    previous?: ReleasedDigests;
    /** The stack file's audit trail, oldest first. */
    releases: readonly Release[];
}

/**
 * Every digest that passed its smoke test in the stack, per service, newest first: the current one once its smoke test
 * passed, then the previously reported ones. The audit trail is only a seed for the first deployment (history from
 * before the stack reported anything): an entry is written before `pulumi up`, so later entries prove nothing the
 * reported history does not already hold.
 */
export function releasedDigests(input: ReleasedDigestsInput): ReleasedDigests {
    const history = input.previous ?? seedFromReleases(input.releases);
    const services = new Set([...Object.keys(input.current), ...Object.keys(history)]);
    const result: ReleasedDigests = {};
    for (const service of [...services].sort()) {
        const current = input.current[service];
        const passed = current !== undefined && input.smokePassed[service] === current;
        const digests = [...(passed ? [current] : []), ...(history[service] ?? [])];
        result[service] = [...new Set(digests)].slice(0, RELEASED_DIGESTS_KEPT);
    }
    return result;
}

/** Per service: the migrator digest that shipped with each released service digest. */
export type ReleasedMigrators = Record<string, Record<string, string>>;

/**
 * The pairing of released service digests with their migrator digests (built from one commit, promoted together),
 * kept for the digests still in `released`, so restore, rollback and promotion put back the matching migrator.
 */
export function releasedMigrators(input: { released: ReleasedDigests; current: Record<string, string>; migrators: Readonly<Record<string, string>>; previous?: ReleasedMigrators }): ReleasedMigrators {
    const result: ReleasedMigrators = {};
    for (const [service, digests] of Object.entries(input.released)) {
        const known = { ...(input.previous?.[service] ?? {}) };
        const current = input.current[service];
        if (current !== undefined && input.migrators[service] !== undefined && digests.includes(current)) {
            known[current] = input.migrators[service];
        }
        const kept = Object.fromEntries(digests.filter((digest) => known[digest] !== undefined).map((digest) => [digest, known[digest]]));
        if (Object.keys(kept).length > 0) {
            result[service] = kept;
        }
    }
    return result;
}

/** A `releasedMigrators` output read back; anything malformed counts as none. */
export function parseReleasedMigrators(value: unknown): ReleasedMigrators | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return undefined;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    const wellFormed = entries.every(
        ([, pairs]) => typeof pairs === "object" && pairs !== null && Object.entries(pairs).every(([digest, migrator]) => isDigest(digest) && isDigest(migrator)),
    );
    return wellFormed ? (value as ReleasedMigrators) : undefined;
}

function seedFromReleases(releases: readonly Release[]): ReleasedDigests {
    const seed: ReleasedDigests = {};
    for (const release of [...releases].reverse()) {
        (seed[release.service] ??= []).push(release.digest);
    }
    return seed;
}

/**
 * A `releasedDigests` output read back from a stack: a map of service to a list of digests. Anything else is
 * described in the returned problem (the stack is not running this program, or an incompatible version of it).
 */
export function parseReleasedDigests(value: unknown): { digests: ReleasedDigests } | { problem: string } {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return { problem: `expected a map of service to digests, got ${show(value, 60)}` };
    }
    const digests: ReleasedDigests = {};
    for (const [service, list] of Object.entries(value as Record<string, unknown>)) {
        if (!Array.isArray(list)) {
            return { problem: `${service}: expected a list of digests, got ${show(list, 60)}` };
        }
        const bad: unknown = (list as unknown[]).find((digest) => !isDigest(digest));
        if (bad !== undefined) {
            return { problem: `${service}: expected "sha256:" digests, got ${show(bad, 60)}` };
        }
        digests[service] = list as string[];
    }
    return { digests };
}

/** The most recent audit entry of a service, if any. */
export function latestRelease(releases: readonly Release[], service: string): Release | undefined {
    for (let index = releases.length - 1; index >= 0; index--) {
        if (releases[index].service === service) {
            return releases[index];
        }
    }
    return undefined;
}

/** Indexes of the entries to drop so each service keeps only its newest `keep` entries. */
export function releasesToDrop(releases: readonly Pick<Release, "service">[], keep = RELEASES_KEPT_PER_SERVICE): number[] {
    const seen = new Map<string, number>();
    const drop: number[] = [];
    for (let index = releases.length - 1; index >= 0; index--) {
        const count = (seen.get(releases[index].service) ?? 0) + 1;
        seen.set(releases[index].service, count);
        if (count > keep) {
            drop.push(index);
        }
    }
    return drop.reverse();
}

/** A forced entry only excuses the digest it names, and only with a reason. */
export function isForcedRelease(release: Release | undefined, digest: string): boolean {
    return release?.kind === "force" && release.digest === digest && (release.reason ?? "").trim().length > 0;
}

/**
 * The candidate's share this deployment asks for: all of it once `promote --finish` or a rollback recorded that for the
 * running digest, otherwise the stack's `bilko:rollout.canaryPercent`.
 */
export function requestedCandidatePercent(service: string, digest: string, releases: readonly Release[], canaryPercent: number): number {
    const latest = latestRelease(releases, service);
    const settled = latest?.digest === digest && (latest.kind === "rollback" || latest.finished === true);
    return settled ? 100 : canaryPercent;
}
