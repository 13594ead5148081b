/**
 * From what `gcloud ... --format=json` and the Cloudflare API answer to estate resources: names, and the `live`
 * settings the adoption diff compares. Pure. Secret values are never read, so none can be mapped.
 */
import type { EstateResource } from "../estate/schema";

type Json = Record<string, any>;

const LOCATION_LABEL = "cloud.googleapis.com/location";
/** What bilko writes into the descriptions of accounts and repositories and the comments of DNS records. */
const BILKO_NOTE = /managed by bilko/;

/**
 * Who manages a resource, from what bilko writes on everything it declares: the labels `app` (the Pulumi project)
 * and `environment`, or a "managed by bilko" note where there are no labels. `undefined`: not bilko's.
 */
export function managedBy(app: string, labels: Json | undefined, note?: unknown): string | undefined {
    if (labels?.app === app) {
        return typeof labels.environment === "string" ? labels.environment : app;
    }
    return typeof note === "string" && BILKO_NOTE.test(note) ? app : undefined;
}

/** `gcloud run services list`: Knative-style services (`metadata`, `spec.template`). */
export function runServices(services: Json[], fallbackRegion: string, app: string): EstateResource[] {
    return services.map((service) => {
        const template = service.spec?.template ?? {};
        const container = template.spec?.containers?.[0] ?? {};
        const envs: Json[] = container.env ?? [];
        const annotations: Json = template.metadata?.annotations ?? {};
        const scale = (name: string) => annotations[`autoscaling.knative.dev/${name}`] ?? annotations[`autoscaling.knative.dev/${name.replace(/S/, "-s")}`];
        return resource("cloudrun.service", service.metadata?.name, service.metadata?.labels?.[LOCATION_LABEL] ?? fallbackRegion, managedBy(app, service.metadata?.labels), {
            image: container.image,
            env: Object.fromEntries(envs.filter((env) => env.valueFrom === undefined).map((env) => [env.name, env.value ?? ""])),
            secretEnv: Object.fromEntries(envs.filter((env) => env.valueFrom?.secretKeyRef).map((env) => [env.name, `${env.valueFrom.secretKeyRef.name}:${env.valueFrom.secretKeyRef.key}`])),
            minInstances: integer(scale("minScale") ?? 0),
            maxInstances: integer(scale("maxScale")),
            serviceAccount: template.spec?.serviceAccountName,
            ingress: service.metadata?.annotations?.["run.googleapis.com/ingress"],
        });
    });
}

/** `gcloud run domain-mappings list`. */
export function domainMappings(mappings: Json[], fallbackRegion: string, app: string): EstateResource[] {
    return mappings.map((mapping) =>
        resource("cloudrun.domainMapping", mapping.metadata?.name, mapping.metadata?.labels?.[LOCATION_LABEL] ?? fallbackRegion, managedBy(app, mapping.metadata?.labels), { route: mapping.spec?.routeName }),
    );
}

/** `gcloud run jobs list`. */
export function runJobs(jobs: Json[], fallbackRegion: string, app: string): EstateResource[] {
    return jobs.map((job) =>
        resource("cloudrun.job", job.metadata?.name, job.metadata?.labels?.[LOCATION_LABEL] ?? fallbackRegion, managedBy(app, job.metadata?.labels), {
            image: job.spec?.template?.spec?.template?.spec?.containers?.[0]?.image,
        }),
    );
}

/** `gcloud sql instances list`. */
export function sqlInstances(instances: Json[], app: string): EstateResource[] {
    return instances.map((instance) => {
        const settings = instance.settings ?? {};
        const ip = settings.ipConfiguration ?? {};
        return resource("sql.instance", instance.name, instance.region, managedBy(app, settings.userLabels), {
            version: instance.databaseVersion,
            tier: settings.tier,
            edition: settings.edition,
            availability: settings.availabilityType,
            sslMode: ip.sslMode,
            ipv4Enabled: ip.ipv4Enabled,
            flags: Object.fromEntries((settings.databaseFlags ?? []).map((flag: Json) => [flag.name, String(flag.value)])),
            authorizedNetworks: (ip.authorizedNetworks ?? []).map((network: Json) => network.value),
        });
    });
}

/** `gcloud sql databases list --instance <instance>`: named `<instance>/<database>`, managed with their instance. */
export function sqlDatabases(databases: Json[], instance: EstateResource): EstateResource[] {
    return databases.map((database) => resource("sql.database", `${instance.name}/${database.name}`, instance.location, instance.managedBy, { charset: database.charset, collation: database.collation }));
}

/** `gcloud sql users list --instance <instance>`: named `<instance>/<user>`, managed with their instance. */
export function sqlUsers(users: Json[], instance: EstateResource): EstateResource[] {
    return users.map((user) => resource("sql.user", `${instance.name}/${user.name}`, instance.location, instance.managedBy, { type: user.type }));
}

/** `gcloud artifacts repositories list`: `name` is `projects/<p>/locations/<l>/repositories/<id>`. */
export function repositories(repos: Json[], app: string): EstateResource[] {
    return repos.map((repo) => {
        const [, , , location, , id] = String(repo.name).split("/");
        return resource("artifactregistry.repository", id, location, managedBy(app, repo.labels, repo.description), {
            format: repo.format,
            immutableTags: repo.dockerConfig?.immutableTags ?? false,
            cleanupPolicies: Object.keys(repo.cleanupPolicies ?? {}).sort(),
        });
    });
}

/** `gcloud builds triggers list [--region]`: GitHub (1st gen) or repository (2nd gen) push triggers. */
export function triggers(list: Json[], location: string, app: string): EstateResource[] {
    return list.map((trigger) => {
        const push = trigger.github?.push ?? trigger.repositoryEventConfig?.push ?? trigger.triggerTemplate ?? {};
        // bilko tags each of its triggers with the app name (components/pipeline/triggers.ts).
        const ours = Array.isArray(trigger.tags) && trigger.tags.includes(app) ? app : undefined;
        return {
            ...resource("cloudbuild.trigger", trigger.name, location, ours, {
                filename: trigger.filename,
                branch: push.branch ?? push.branchName,
                tag: push.tag ?? push.tagName,
                approval: trigger.approvalConfig?.approvalRequired ?? false,
                serviceAccount: trigger.serviceAccount,
                disabled: trigger.disabled ?? false,
            }),
            id: trigger.id,
        };
    });
}

/** `gcloud secrets list`: the name and how it is replicated, never a value (the list has none). */
export function secrets(list: Json[], app: string): EstateResource[] {
    return list.map((secret) => {
        const replicas: Json[] = secret.replication?.userManaged?.replicas ?? [];
        const replication = secret.replication?.automatic ? "automatic" : replicas.map((replica) => replica.location).join(",") || undefined;
        return resource("secretmanager.secret", String(secret.name).split("/").pop(), "global", managedBy(app, secret.labels), { replication });
    });
}

/** `gcloud storage buckets list`. */
export function buckets(list: Json[], app: string): EstateResource[] {
    return list.map((bucket) => resource("storage.bucket", bucket.name, bucket.location ?? "unknown", managedBy(app, bucket.labels), {}));
}

/** `gcloud iam service-accounts list`: named by account id (the email before the `@`). */
export function serviceAccounts(list: Json[], app: string): EstateResource[] {
    return list.map((account) =>
        resource("iam.serviceAccount", String(account.email).split("@")[0], "global", managedBy(app, undefined, account.description), { email: account.email, displayName: account.displayName || undefined }),
    );
}

/** Cloudflare `GET /zones/<id>/dns_records` results. */
export function dnsRecords(records: Json[], zone: string, app: string): EstateResource[] {
    return records.map((record) => ({
        ...resource("cloudflare.dnsRecord", record.name, zone, managedBy(app, undefined, record.comment), { type: record.type, content: record.content, proxied: record.proxied, ttl: record.ttl }),
        id: record.id,
    }));
}

function resource(kind: EstateResource["kind"], name: unknown, location: unknown, manager: string | undefined, live: Record<string, unknown>): EstateResource {
    if (typeof name !== "string" || name === "") {
        throw new Error(`a ${kind} without a name`);
    }
    return {
        kind,
        name,
        location: String(location),
        ...(manager === undefined ? {} : { managedBy: manager }),
        live: Object.fromEntries(Object.entries(live).filter(([, value]) => value !== undefined)),
    };
}

function integer(value: unknown): number | undefined {
    const parsed = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
    return Number.isInteger(parsed) ? parsed : undefined;
}
