/**
 * The estate file (`estate/<gcp project>.yaml`): what exists in the project and the Cloudflare zone, each resource
 * with the settings the adoption diff compares (`live`). Other checks rely on these keys.
 */
import { z } from "zod";

export const RESOURCE_KINDS = [
    "cloudrun.service",
    "cloudrun.domainMapping",
    "cloudrun.job",
    "sql.instance",
    "sql.database",
    "sql.user",
    "artifactregistry.repository",
    "cloudbuild.trigger",
    "secretmanager.secret",
    "storage.bucket",
    "iam.serviceAccount",
    "cloudflare.dnsRecord",
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const ESTATE_SOURCES = ["runbooks", "gcloud"] as const;

const text = z.string().min(1);
const byName = z.record(z.string(), z.string());

/** `live` of each kind: every key optional, since a hand-written estate knows only what its sources say. */
export const LIVE_SCHEMAS = {
    "cloudrun.service": z.strictObject({
        image: text,
        env: byName,
        /** env name -> `<secret id>:<version>`. */
        secretEnv: byName,
        minInstances: z.number().int().min(0),
        maxInstances: z.number().int().min(0),
        serviceAccount: text,
        /** `all`, `internal` or `internal-and-cloud-load-balancing`. */
        ingress: text,
    }).partial(),
    "cloudrun.domainMapping": z.strictObject({ route: text }).partial(),
    "cloudrun.job": z.strictObject({ image: text }).partial(),
    "sql.instance": z.strictObject({
        version: text,
        tier: text,
        edition: text,
        availability: text,
        sslMode: text,
        ipv4Enabled: z.boolean(),
        flags: byName,
        authorizedNetworks: z.array(text),
    }).partial(),
    "sql.database": z.strictObject({ charset: text, collation: text }).partial(),
    "sql.user": z.strictObject({ type: text }).partial(),
    "artifactregistry.repository": z.strictObject({ format: text, immutableTags: z.boolean(), cleanupPolicies: z.array(text) }).partial(),
    "cloudbuild.trigger": z.strictObject({ filename: text, branch: text, tag: text, approval: z.boolean(), serviceAccount: text, disabled: z.boolean() }).partial(),
    /** `automatic`, or the replica locations of a user-managed secret (never its value). */
    "secretmanager.secret": z.strictObject({ replication: text }).partial(),
    "storage.bucket": z.strictObject({}),
    "iam.serviceAccount": z.strictObject({ email: text, displayName: text }).partial(),
    "cloudflare.dnsRecord": z.strictObject({ type: text, content: text, proxied: z.boolean(), ttl: z.number().int().min(1) }).partial(),
} satisfies Record<ResourceKind, z.ZodType>;

export type LiveOf<K extends ResourceKind> = z.output<(typeof LIVE_SCHEMAS)[K]>;

export const resourceSchema = z.strictObject({
    kind: z.enum(RESOURCE_KINDS),
    /** Unique per kind and location; databases and users are `<instance>/<name>`, DNS records their hostname. */
    name: text,
    /** Region, `global`, a storage location, or the Cloudflare zone of a record. */
    location: text,
    /** The provider's id where it is not the name: a Cloudflare record id, a trigger id. */
    id: text.optional(),
    /**
     * Set by the inventory on what bilko itself declared (its labels, description or comment say so): the stack's
     * environment, or the app name where the resource does not tell. The plan does not call those collisions.
     */
    managedBy: text.optional(),
    live: z.record(z.string(), z.unknown()).default({}),
});

export const estateSchema = z.strictObject({
    project: text,
    capturedAt: z.iso.datetime(),
    source: z.enum(ESTATE_SOURCES),
    /** The Cloudflare zone whose records are listed. */
    cloudflare: z.strictObject({ zone: text, zoneId: z.string().regex(/^[0-9a-f]{32}$/) }).optional(),
    resources: z.array(resourceSchema).default([]),
});

export type EstateResource = z.output<typeof resourceSchema>;
export type Estate = z.output<typeof estateSchema>;

/** `cloudrun.service bilko-api-demo`: how messages name an estate or planned resource. */
export function resourceLabel(resource: { kind: string; name: string }): string {
    return `${resource.kind} ${resource.name}`;
}

/** The `live` settings of a resource of kind `kind`, typed. */
export function liveOf<K extends ResourceKind>(resource: EstateResource & { kind: K }): LiveOf<K> {
    return resource.live as LiveOf<K>;
}
