/**
 * What the inventory asks, read-only: the pre-flight probes of the Bilko pipeline (triggers, buckets, Cloud Run
 * services, SQL instances) and the rest an adoption needs (repositories, jobs, domain mappings, databases, users,
 * secret names, service accounts), then the zone's DNS records.
 */
import { RESOURCE_KINDS, type EstateResource } from "../estate/schema";
import * as map from "./mappers";
import { cloudflareZone, gcloudList, InventoryError } from "./sources";

export interface InventoryTarget {
    /** The Pulumi project name (`bilko`): the `app` label on everything bilko declares. */
    app: string;
    project: string;
    /** Regions of Cloud Run and the regional triggers (the stacks' `gcp:region`). */
    regions: string[];
    /** Cloudflare zone whose records are listed, with a token that can read them. */
    cloudflare?: { zoneId: string; token: string };
}

export interface Inventory {
    resources: EstateResource[];
    cloudflare?: { zone: string; zoneId: string };
}

export async function takeInventory(target: InventoryTarget): Promise<Inventory> {
    // The first failure stops every other command and request: nothing is written, so nothing else need run.
    const stop = new AbortController();
    try {
        return await inventoryOf(target, stop.signal);
    } finally {
        stop.abort();
    }
}

async function inventoryOf(target: InventoryTarget, signal: AbortSignal): Promise<Inventory> {
    const project = `--project=${target.project}`;
    const { app } = target;
    const list = (args: string[], toResources: (items: Record<string, any>[]) => EstateResource[]) =>
        gcloudList([...args, project], signal).then((items) => mapped(`gcloud ${args.join(" ")}`, () => toResources(items)));
    const regional = target.regions.flatMap((region) => [
        list(["run", "services", "list", `--region=${region}`], (items) => map.runServices(items, region, app)),
        list(["run", "jobs", "list", `--region=${region}`], (items) => map.runJobs(items, region, app)),
        // Domain mappings on fully managed Cloud Run are a beta command group (the GA one refuses, and has no --region).
        list(["beta", "run", "domain-mappings", "list", `--region=${region}`], (items) => map.domainMappings(items, region, app)),
        list(["builds", "triggers", "list", `--region=${region}`], (items) => map.triggers(items, region, app)),
    ]);
    const zone = target.cloudflare ? cloudflareZone(target.cloudflare.zoneId, target.cloudflare.token, signal) : undefined;
    const parts = await Promise.all([
        ...regional,
        list(["builds", "triggers", "list"], (items) => map.triggers(items, "global", app)),
        list(["storage", "buckets", "list"], (items) => map.buckets(items, app)),
        list(["artifacts", "repositories", "list"], (items) => map.repositories(items, app)),
        list(["secrets", "list"], (items) => map.secrets(items, app)),
        list(["iam", "service-accounts", "list"], (items) => map.serviceAccounts(items, app)),
        sqlEstate(project, app, signal),
        zone?.then((found) => mapped("the Cloudflare DNS records", () => map.dnsRecords(found.records, found.name, app))) ?? [],
    ]);
    const found = await zone;
    return {
        resources: parts.flat().sort((a, b) => RESOURCE_KINDS.indexOf(a.kind) - RESOURCE_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name) || a.location.localeCompare(b.location)),
        ...(found && target.cloudflare ? { cloudflare: { zone: found.name, zoneId: target.cloudflare.zoneId } } : {}),
    };
}

/** Instances, then each instance's databases and users. */
async function sqlEstate(project: string, app: string, signal: AbortSignal): Promise<EstateResource[]> {
    const instances = await gcloudList(["sql", "instances", "list", project], signal);
    const resources = mapped("gcloud sql instances list", () => map.sqlInstances(instances, app));
    const inside = await Promise.all(
        resources.map(async (instance) => {
            const scope = [`--instance=${instance.name}`, project];
            const [databases, users] = await Promise.all([gcloudList(["sql", "databases", "list", ...scope], signal), gcloudList(["sql", "users", "list", ...scope], signal)]);
            return mapped(`gcloud sql databases/users list --instance=${instance.name}`, () => [
                ...map.sqlDatabases(databases, instance),
                ...map.sqlUsers(users, instance),
            ]);
        }),
    );
    return [...resources, ...inside.flat()];
}

/** A mapper's complaint (an entry without a name) as the source's failure. */
function mapped(source: string, toResources: () => EstateResource[]): EstateResource[] {
    try {
        return toResources();
    } catch (error) {
        throw new InventoryError(`${source}: ${(error as Error).message}`);
    }
}
