/**
 * What a promotion or a rollback would change, decided from data only (no CLI, no file): every guard of issue 5, each
 * of which refuses unless `--force` with a reason, which then records the entry as `kind: force`.
 */
import { isDigest } from "../components/registry/images";
import { parseReleasedMigrators, type ReleasedDigests, type ReleasedMigrators } from "./releases";
import { windowVerdict } from "./windows";
import { KEYS, type Release, type StackConfig } from "../config";

export interface Change {
    service: string;
    from: string;
    to: string;
    /** The migrator digest that shipped with `to`, for a service with migrations. */
    migrator?: string;
    /** The guard this change is forced past, if any: its entry is then recorded as `kind: force`. */
    forcedPast?: string;
}

export interface Decision {
    changes: Change[];
    /** Services that already run what was asked. */
    unchanged: string[];
    /** Guard failures (each one line); with `force` they are bypassed and listed here all the same. */
    problems: string[];
    /** Services left out because no digest could be taken for them, and why (only with `force`). */
    skipped: Array<{ service: string; problem: string }>;
}

export interface PromoteInput {
    target: StackConfig;
    upstream: string;
    services: string[];
    /** `pulumi stack output --json` of the upstream. */
    upstreamOutputs: Record<string, unknown>;
    /** End of the upstream's last successful deployment; only asked for when the target asks for bake time. */
    upstreamDeployedAt: () => Promise<Date | undefined>;
    now: Date;
    force: boolean;
}

export async function decidePromotion(input: PromoteInput): Promise<Decision> {
    const decision: Decision = { changes: [], unchanged: [], problems: [], skipped: [] };
    const migrators = parseReleasedMigrators(own(input.upstreamOutputs, "releasedMigrators")) ?? {};
    for (const service of input.services) {
        const reported = own(own(input.upstreamOutputs, "services"), service);
        const digest = own(reported, "digest");
        const needsMigrator = input.target.services[service].migrations !== undefined;
        const migrator = isDigest(digest) && needsMigrator ? (own(migrators[service], digest) ?? own(reported, "migrator")) : undefined;
        const problem =
            digest === undefined
                ? `stack "${input.upstream}" has no output services.${service}.digest`
                : !isDigest(digest)
                  ? `stack "${input.upstream}" reports services.${service}.digest ${JSON.stringify(digest)}, not a "sha256:" digest`
                  : needsMigrator && !isDigest(migrator)
                    ? `stack "${input.upstream}" reports no migrator digest for ${service} ${digest} (services.${service}.migrator); deploy it with this program first`
                    : undefined;
        if (problem) {
            decision.problems.push(problem);
            decision.skipped.push({ service, problem });
            continue;
        }
        const current = input.target.services[service].digest;
        if (current === digest) {
            decision.unchanged.push(service);
        } else {
            decision.changes.push({ service, from: current, to: digest as string, ...(isDigest(migrator) ? { migrator } : {}) });
        }
    }
    const bake = input.target.promotion.minBakeMinutes;
    if (decision.changes.length > 0 && bake > 0) {
        const problem = bakeProblem(input.upstream, input.target.stack, bake, await input.upstreamDeployedAt(), input.now);
        if (problem) {
            decision.problems.push(problem);
            decision.changes.forEach((change) => (change.forcedPast = problem));
        }
    }
    const window = windowVerdict(input.target.stack, input.target.promotion.windows, input.now);
    if (decision.changes.length > 0 && !window.open) {
        decision.problems.push(window.reason);
        decision.changes.forEach((change) => (change.forcedPast ??= window.reason));
    }
    return decision;
}

function bakeProblem(upstream: string, target: string, minutes: number, deployedAt: Date | undefined, now: Date): string | undefined {
    const asked = `${target} asks for ${minutes} minutes of bake time (${KEYS.promotion}.minBakeMinutes)`;
    if (!deployedAt) {
        return `stack "${upstream}" has no successful deployment in its history; ${asked}`;
    }
    const age = Math.floor((now.getTime() - deployedAt.getTime()) / 60000);
    return age < minutes ? `stack "${upstream}" last deployed ${age} minutes ago (${deployedAt.toISOString()}); ${asked}` : undefined;
}

export interface RollbackInput {
    config: StackConfig;
    services: string[];
    /** The stack's own `releasedDigests` output; undefined when it reports none. */
    history: ReleasedDigests | undefined;
    /** The stack's own `releasedMigrators` output: a rollback takes the migrator that shipped with its digest. */
    migrators?: ReleasedMigrators;
    /** An explicit digest (one service only). */
    to?: string;
}

export function decideRollback(input: RollbackInput): Decision {
    const decision: Decision = { changes: [], unchanged: [], problems: [], skipped: [] };
    const stack = input.config.stack;
    for (const service of input.services) {
        const current = input.config.services[service].digest;
        const ran = (input.history && (own(input.history, service) as string[] | undefined)) ?? [];
        const noHistory = input.history ? `` : ` (stack "${stack}" reports no releasedDigests: deploy it with this program first)`;
        if (input.to !== undefined) {
            if (input.to === current) {
                decision.unchanged.push(service);
                continue;
            }
            const problem = ran.includes(input.to) ? undefined : `${service} never ran ${input.to} in stack "${stack}"${noHistory}`;
            if (problem) {
                decision.problems.push(problem);
            }
            decision.changes.push({ service, from: current, to: input.to, ...migratorOf(input, service, input.to), forcedPast: problem });
            continue;
        }
        const previous = ran.find((digest) => digest !== current);
        if (previous) {
            decision.changes.push({ service, from: current, to: previous, ...migratorOf(input, service, previous) });
        } else {
            const problem = `${service} has no earlier digest in stack "${stack}" to roll back to${noHistory}; name one with --to`;
            decision.problems.push(problem);
            decision.skipped.push({ service, problem });
        }
    }
    return decision;
}

/** The migrator that shipped with `digest`, when the service has migrations and the stack reports the pairing. */
function migratorOf(input: RollbackInput, service: string, digest: string): { migrator?: string } {
    const migrator = input.config.services[service].migrations ? input.migrators?.[service]?.[digest] : undefined;
    return migrator ? { migrator } : {};
}

/** `record[key]` if it is the record's own (a service named "constructor" is no Object constructor). */
function own(record: unknown, key: string): unknown {
    return typeof record === "object" && record !== null && Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** The audit entries of a decision, in the order their keys are written. */
export function releaseEntries(changes: readonly Change[], base: { from: string; at: string; by: string; kind: Release["kind"]; reason?: string }): Release[] {
    return changes.map((change) => ({
        service: change.service,
        digest: change.to,
        from: base.from,
        at: base.at,
        by: base.by,
        kind: change.forcedPast ? "force" : base.kind,
        reason: base.reason,
    }));
}
