/**
 * The estate check of one planned stack: nothing it creates may already exist, everything it imports must exist
 * (with the id the stack names), and every first-run change to an imported resource is shown, the ones that can cut
 * traffic or data refused until the stack acknowledges each by name.
 */
import { ENVIRONMENTS, type StackConfig } from "../config";
import type { PlannedResource, StackPlan } from "../offline/evaluate";
import { adoptionDiff, type Change } from "./diff";
import { RESOURCE_KINDS, resourceLabel, type Estate, type EstateResource, type ResourceKind } from "./estate/schema";
import { identityOf, type Identity } from "./identity";
import { acknowledged, acknowledgeKey, adoptKey, ownerOf, type Owner } from "./owner";

export interface CheckedChange extends Change {
    /** Set on a risky change: whether the stack acknowledges it. */
    acknowledged?: boolean;
}

export interface AdoptedResource {
    kind: ResourceKind;
    name: string;
    /** The Pulumi resource name in the program (`api-service`). */
    resource: string;
    importId: string;
    changes: CheckedChange[];
    notCaptured: string[];
}

export interface AdoptionReport {
    estate: { file: string; source: string; capturedAt: string };
    /** Every imported resource with what its first `pulumi up` changes. */
    adopted: AdoptedResource[];
    /** One line each: what must change before this stack may be deployed (the plan exits 1). */
    refusals: string[];
    /** Acknowledgments that match no change: harmless, but stale. */
    notes: string[];
    /** `<kind> <name>` of the estate resources this stack neither creates nor imports. */
    unclaimed: string[];
}

export interface AdoptionInput {
    plan: StackPlan;
    config: StackConfig;
    estate: Estate;
    /** How messages name the estate file. */
    estateFile: string;
    /** The Pulumi project name (`bilko`): first part of the workload names. */
    app: string;
}

export function checkAdoption(input: AdoptionInput): AdoptionReport {
    const { plan, config, estate } = input;
    const report: AdoptionReport = {
        estate: { file: input.estateFile, source: estate.source, capturedAt: estate.capturedAt },
        adopted: [],
        refusals: [],
        notes: [],
        unclaimed: [],
    };
    const claimed = new Set<EstateResource>();
    const changed = new Map<string, Set<string>>();
    const imported = new Set(
        plan.resources.filter((resource) => resource.options.import).flatMap((resource) => {
            const identity = identityOf(resource);
            const live = identity && liveMatch(estate, identity, resource, new Set());
            return live ? [live] : [];
        }),
    );
    for (const resource of plan.resources) {
        const identity = identityOf(resource);
        const live = identity && liveMatch(estate, identity, resource, imported);
        if (live) {
            claimed.add(live);
        }
        const adopted = identity && checkResource(input, report, resource, identity, live);
        const owner = identity && ownerOf(identity, config, input.app);
        if (adopted && owner) {
            const key = acknowledgeKey(owner);
            changed.set(key, new Set([...(changed.get(key) ?? []), ...adopted.changes.map((change) => change.field)]));
        }
    }
    report.notes.push(...staleAcknowledgments(config, input.app, plan.resources, changed));
    report.unclaimed = estate.resources.filter((live) => !claimed.has(live)).map(resourceLabel);
    report.adopted.sort((a, b) => RESOURCE_KINDS.indexOf(a.kind) - RESOURCE_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name));
    return report;
}

/**
 * One planned resource against the estate: a creation must not collide, an import must find what it imports (by the
 * right id), and an adopted resource's risky changes must be acknowledged. Returns the adopted resource, if any.
 */
function checkResource(input: AdoptionInput, report: AdoptionReport, resource: PlannedResource, identity: Identity, live: EstateResource | undefined): AdoptedResource | undefined {
    const owner = ownerOf(identity, input.config, input.app);
    if (!resource.options.import) {
        // What bilko already manages is in this stack's state: its next up updates it, it does not create it.
        if (live && !managedHere(live, input.config)) {
            report.refusals.push(`would create ${resourceLabel(identity)}, which exists: ${collisionRemedy(live, owner)}`);
        }
        return undefined;
    }
    const adoptedBy = owner ? ` (${adoptKey(owner)})` : "";
    if (!live) {
        report.refusals.push(`would import ${resourceLabel(identity)}, which the estate does not list: the import would fail; stop adopting it${adoptedBy} or refresh the estate (npm run inventory)`);
        return undefined;
    }
    const mismatch = recordIdProblem(identity, resource.options.import, live, input.estate);
    if (mismatch) {
        report.refusals.push(`${mismatch}${adoptedBy}`);
        return undefined;
    }
    const adopted = adoptedResource(identity, resource, live, owner, input.config);
    report.adopted.push(adopted);
    report.refusals.push(...unacknowledged(adopted, owner));
    return adopted;
}

/** The estate resource a planned one is; of several DNS records for one hostname, the one of the same type. */
/**
 * The live resource a planned one is. A DNS record of another type at the same name is the same record when it is
 * imported (its type changes), and in the way of a new one, unless another planned resource imports it: the load
 * balancer's AAAA record next to the adopted record that turns from a CNAME into its A record.
 */
function liveMatch(estate: Estate, identity: Identity, resource: PlannedResource, imported: ReadonlySet<EstateResource>): EstateResource | undefined {
    const candidates = estate.resources.filter((live) => live.kind === identity.kind && live.name === identity.name);
    const sameType = candidates.find((live) => live.live.type === undefined || live.live.type === resource.inputs.type);
    return sameType ?? (resource.options.import ? candidates[0] : candidates.find((live) => !imported.has(live)));
}

/** Whether the estate says bilko manages this resource, from this stack (or from a stack it cannot name). */
function managedHere(live: EstateResource, config: StackConfig): boolean {
    return live.managedBy !== undefined && (live.managedBy === config.environment || !(ENVIRONMENTS as readonly string[]).includes(live.managedBy));
}

function collisionRemedy(live: EstateResource, owner: Owner | undefined): string {
    if (live.managedBy !== undefined) {
        return `bilko's ${live.managedBy} stack manages it; give this one another name`;
    }
    const recordId = live.kind === "cloudflare.dnsRecord" && live.id ? `: ${live.id}` : "";
    return owner ? `adopt it (${adoptKey(owner)}${recordId})` : "bilko cannot adopt it; delete or rename it first";
}

/** A DNS record imported by an id other than the one the estate lists: the import would take the wrong record, or fail. */
function recordIdProblem(identity: Identity, importId: string, live: EstateResource, estate: Estate): string | undefined {
    const expected = `${estate.cloudflare?.zoneId ?? "<zone id>"}/${live.id ?? "<record id>"}`;
    return identity.kind === "cloudflare.dnsRecord" && importId !== expected
        ? `would import ${resourceLabel(identity)} as "${importId}", but the estate lists it as "${expected}" (zone id/record id)`
        : undefined;
}

function adoptedResource(identity: Identity, resource: PlannedResource, live: EstateResource, owner: Owner | undefined, config: StackConfig): AdoptedResource {
    const diff = adoptionDiff(identity.kind, resource.inputs, live.live);
    const signed = owner ? acknowledged(owner, config) : [];
    return {
        kind: identity.kind,
        name: identity.name,
        resource: resource.name,
        importId: resource.options.import!,
        changes: diff.changes.map((change) => (change.risk ? { ...change, acknowledged: signed.includes(change.field) } : change)),
        notCaptured: diff.notCaptured,
    };
}

function unacknowledged(adopted: AdoptedResource, owner: Owner | undefined): string[] {
    return adopted.changes
        .filter((change) => change.risk && !change.acknowledged)
        .map((change) => {
            const what =
                change.change === "removed"
                    ? `removes ${change.field} (was ${shown(change.from)})`
                    : change.change === "added"
                      ? `adds ${change.field} (${shown(change.to)})`
                      : change.from === undefined
                        ? `sets ${change.field} to ${String(change.to)}`
                        : `changes ${change.field} from ${shown(change.from)} to ${shown(change.to)}`;
            const sign = owner ? `acknowledge it (${acknowledgeKey(owner)}: ${change.field})` : "it cannot be acknowledged";
            return `first pulumi up ${what} of ${adopted.kind} ${adopted.name}; ${change.risk}: ${sign}`;
        });
}

/** Acknowledgments of a change the first `pulumi up` does not make (the estate caught up, or a typo of a real name). */
function staleAcknowledgments(config: StackConfig, app: string, resources: PlannedResource[], changed: Map<string, Set<string>>): string[] {
    const owners = new Map<string, Owner>();
    for (const resource of resources) {
        const identity = identityOf(resource);
        const owner = identity && ownerOf(identity, config, app);
        if (owner) {
            owners.set(acknowledgeKey(owner), owner);
        }
    }
    return [...owners.entries()].flatMap(([key, owner]) =>
        acknowledged(owner, config)
            .filter((field) => !changed.get(key)?.has(field))
            .map((field) => `acknowledged, but the first pulumi up does not change it: ${field} (${key})`),
    );
}

export function shown(value: unknown): string {
    return JSON.stringify(value) ?? String(value);
}
