/**
 * The adoption diff: what the first `pulumi up` changes on a resource it imports, found by comparing what the
 * program declares with the estate's `live` settings. Pure; which changes can cut traffic or data is decided here.
 */
import { RESTART_FLAGS } from "../components/cloudsql/settings";
import type { ResourceKind } from "./estate/schema";

type Inputs = Record<string, any>;
type Settings = Record<string, unknown>;

export interface Change {
    /** The setting, as acknowledgments name it: `image`, `env.EMAIL_FROM`, `dns.content`, `authorizedNetworks.203.0.113.0/24`. */
    field: string;
    change: "added" | "removed" | "changed";
    /** The live value (absent when added). */
    from?: unknown;
    /** The declared value (absent when removed). */
    to?: unknown;
    /** Why this change can cut traffic or data; set only for those, which the stack must acknowledge. */
    risk?: string;
}

export interface ResourceDiff {
    changes: Change[];
    /** Declared settings the estate has no live value for, so nothing can be said about them. */
    notCaptured: string[];
}

/** How a setting compares: one value, a map compared by key, or a set compared by item. */
type Shape = "value" | "map" | "set";

const SHAPES: Readonly<Record<string, Shape>> = { env: "map", secretEnv: "map", flags: "map", authorizedNetworks: "set" };

/**
 * Settings whose change can cut traffic or data, so that when the estate does not record their live value the stack
 * must still acknowledge what the first `pulumi up` sets. Flags and networks are declared whole: whatever the live
 * instance has beyond them is removed.
 */
const RISKY_WHEN_UNKNOWN: Partial<Record<ResourceKind, Record<string, string>>> = {
    "sql.instance": {
        version: "the estate does not record the live major version; if it differs, the upgrade cannot be undone",
        tier: "the estate does not record the live tier; if it differs, Cloud SQL restarts the instance to change it",
        edition: "the estate does not record the live edition; if it differs, Cloud SQL restarts the instance to change it",
        flags: "the estate does not record the live database flags; these replace them all, and Cloud SQL restarts the instance for some flags",
        authorizedNetworks: "the estate does not record the live authorized networks; these replace them all, and clients of any other lose access",
    },
};

/** Cloud Run's ingress as gcloud and the estate write it (the `run.googleapis.com/ingress` annotation). */
const INGRESS_WORDS: Readonly<Record<string, string>> = {
    INGRESS_TRAFFIC_ALL: "all",
    INGRESS_TRAFFIC_INTERNAL_ONLY: "internal",
    INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER: "internal-and-cloud-load-balancing",
};

/** The declared settings of a planned resource, in the estate's `live` shape. */
const DECLARED: Partial<Record<ResourceKind, (inputs: Inputs) => Settings>> = {
    "cloudrun.service": (i) => {
        const container = i.template?.containers?.[0] ?? {};
        const envs: Inputs[] = container.envs ?? [];
        return {
            image: container.image,
            env: Object.fromEntries(envs.filter((env) => env.valueSource === undefined).map((env) => [env.name, env.value])),
            secretEnv: Object.fromEntries(envs.filter((env) => env.valueSource?.secretKeyRef).map((env) => [env.name, `${env.valueSource.secretKeyRef.secret}:${env.valueSource.secretKeyRef.version}`])),
            minInstances: i.template?.scaling?.minInstanceCount,
            maxInstances: i.template?.scaling?.maxInstanceCount,
            serviceAccount: i.template?.serviceAccount,
            ingress: INGRESS_WORDS[i.ingress ?? "INGRESS_TRAFFIC_ALL"] ?? i.ingress,
        };
    },
    "cloudrun.domainMapping": (i) => ({ route: i.spec?.routeName }),
    "sql.instance": (i) => ({
        version: i.databaseVersion,
        tier: i.settings?.tier,
        edition: i.settings?.edition,
        availability: i.settings?.availabilityType,
        sslMode: i.settings?.ipConfiguration?.sslMode,
        ipv4Enabled: i.settings?.ipConfiguration?.ipv4Enabled,
        flags: Object.fromEntries((i.settings?.databaseFlags ?? []).map((flag: Inputs) => [flag.name, flag.value])),
        authorizedNetworks: (i.settings?.ipConfiguration?.authorizedNetworks ?? []).map((network: Inputs) => network.value),
        passwordPolicy: i.settings?.passwordValidationPolicy?.enablePasswordPolicy,
    }),
    "artifactregistry.repository": (i) => ({
        format: i.format,
        immutableTags: i.dockerConfig?.immutableTags,
        cleanupPolicies: (i.cleanupPolicies ?? []).map((policy: Inputs) => policy.id).sort().join(", "),
        scanning: i.vulnerabilityScanningConfig?.enablementConfig,
    }),
    "cloudflare.dnsRecord": (i) => ({ type: i.type, content: i.content, proxied: i.proxied, ttl: i.ttl }),
};

/** Every change the first `pulumi up` makes to an imported resource of `kind`, with its risk. */
export function adoptionDiff(kind: ResourceKind, inputs: Inputs, live: Settings): ResourceDiff {
    if (kind === "sql.user") {
        // The API never reports a password: any password input sets a new one.
        const changes: Change[] = inputs.password === undefined ? [] : [{ field: "password", change: "changed", to: "a generated password" }];
        return { changes: changes.map((change) => withRisk(kind, change)), notCaptured: [] };
    }
    const declared = DECLARED[kind]?.(inputs) ?? {};
    const diff: ResourceDiff = { changes: [], notCaptured: [] };
    for (const [key, value] of Object.entries(declared)) {
        if (value === undefined) {
            continue;
        }
        const liveValue = key === "cleanupPolicies" && Array.isArray(live[key]) ? [...(live[key] as string[])].sort().join(", ") : live[key];
        if (liveValue === undefined) {
            const unknownRisk = RISKY_WHEN_UNKNOWN[kind]?.[key];
            if (unknownRisk) {
                diff.changes.push({ field: `${prefixOf(kind)}${key}`, change: "changed", to: settingText(value), risk: unknownRisk });
            } else {
                diff.notCaptured.push(`${prefixOf(kind)}${key}`);
            }
            // Acknowledging a whole unknown set does not acknowledge a restart a later change turns on.
            diff.changes.push(...riskyWhateverLive(kind, key, value).map((change) => withRisk(kind, change)));
            continue;
        }
        diff.changes.push(...compare(key, SHAPES[key] ?? "value", liveValue, value).map((change) => withRisk(kind, change)));
    }
    return diff;
}

function compare(key: string, shape: Shape, live: unknown, declared: unknown): Change[] {
    if (shape === "map") {
        const from = live as Record<string, unknown>;
        const to = declared as Record<string, unknown>;
        return [...new Set([...Object.keys(from), ...Object.keys(to)])].sort().flatMap((name) => compare(`${key}.${name}`, "value", from[name], to[name]));
    }
    if (shape === "set") {
        const from = live as unknown[];
        const to = declared as unknown[];
        return [
            ...from.filter((item) => !to.includes(item)).map((item): Change => ({ field: `${key}.${String(item)}`, change: "removed", from: item })),
            ...to.filter((item) => !from.includes(item)).map((item): Change => ({ field: `${key}.${String(item)}`, change: "added", to: item })),
        ];
    }
    if (live === declared) {
        return [];
    }
    if (live === undefined) {
        return [{ field: key, change: "added", to: declared }];
    }
    return declared === undefined ? [{ field: key, change: "removed", from: live }] : [{ field: key, change: "changed", from: live, to: declared }];
}

/**
 * Declared settings that are risky whatever the live value, so they count as changes even when the estate has not
 * captured it: a flag that restarts the instance (unless it is already set, which nothing here can tell), and
 * turning a public IP off.
 */
function riskyWhateverLive(kind: ResourceKind, key: string, declared: unknown): Change[] {
    if (kind !== "sql.instance") {
        return [];
    }
    if (key === "flags") {
        const flags = declared as Record<string, unknown>;
        return RESTART_FLAGS.filter((name) => name in flags).map((name): Change => ({ field: `flags.${name}`, change: "changed", to: flags[name] }));
    }
    return key === "ipv4Enabled" && declared === false ? [{ field: key, change: "changed", to: false }] : [];
}

/** The changes that can cut traffic or data, and why; everything else is shown but needs no acknowledgment. */
function riskOf(kind: ResourceKind, change: Change): string | undefined {
    const { field } = change;
    switch (kind) {
        case "cloudrun.service":
            if (field === "ingress") {
                return "callers of its run.app URL and domain mappings are refused from then on";
            }
            return /^(env|secretEnv)\./.test(field) && change.change !== "added" ? "the running app may read it" : undefined;
        case "sql.instance":
            if (field === "tier" || field === "edition") {
                return "Cloud SQL restarts the instance to change it";
            }
            if (field === "version") {
                return "a major version upgrade cannot be undone";
            }
            if (field.startsWith("flags.")) {
                return RESTART_FLAGS.some((name) => field === `flags.${name}`)
                    ? "Cloud SQL restarts the instance to change this flag"
                    : "Cloud SQL restarts the instance to set, change or remove some flags (its flags reference says which)";
            }
            if (field === "ipv4Enabled" && change.to === false) {
                return "clients that reach it at its public IP (the Cloud SQL connector included) lose access";
            }
            return field.startsWith("authorizedNetworks.") && change.change === "removed" ? "clients connecting from that network lose access" : undefined;
        case "sql.user":
            return "the running services still connect with the old password";
        case "cloudflare.dnsRecord":
            return field === "content" || field === "type" ? "the hostname's traffic goes elsewhere" : undefined;
        case "cloudrun.domainMapping":
            return field === "route" ? "the hostname's traffic goes to another service" : undefined;
        default:
            return undefined;
    }
}

/** A declared setting as one line: a value as it is, a map as `log_connections=on, ...`, a list joined; empty: `none`. */
function settingText(value: unknown): string {
    if (typeof value !== "object" || value === null) {
        return String(value);
    }
    const entries = Array.isArray(value) ? value.map(String) : Object.entries(value as Record<string, unknown>).map(([name, setting]) => `${name}=${String(setting)}`);
    return entries.length === 0 ? "none" : entries.join(", ");
}

/** The change with its risk, named as acknowledgments name it (a service's DNS record and domain mapping are prefixed). */
function withRisk(kind: ResourceKind, change: Change): Change {
    const risk = riskOf(kind, change);
    return { ...change, field: `${prefixOf(kind)}${change.field}`, ...(risk ? { risk } : {}) };
}

function prefixOf(kind: ResourceKind): string {
    return kind === "cloudflare.dnsRecord" ? "dns." : kind === "cloudrun.domainMapping" ? "domainMapping." : "";
}
