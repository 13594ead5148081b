/**
 * Which part of a stack's config declares a resource: a service (its Cloud Run service, domain mapping, DNS record
 * or the secrets it reads), the database, the registry. Messages name the config key that adopts it and the one
 * that acknowledges its first-run changes.
 */
import { databasePasswordSecretId } from "../components/cloudsql/names";
import { workloadName } from "../components/workload/names";
import { ADOPT_KEYS, serviceKey, type StackConfig } from "../config";
import type { Identity } from "./identity";

export type ServicePart = "service" | "domainMapping" | "dnsRecord" | "secrets";

export type Owner = { subject: "service"; service: string; part: ServicePart } | { subject: "postgres" } | { subject: "registry" };

/** The config part that declares `identity` in this stack; `undefined` for what bilko cannot adopt (triggers, accounts, jobs). */
export function ownerOf(identity: Identity, config: StackConfig, app: string): Owner | undefined {
    const services = Object.entries(config.services);
    const service = (match: (name: string, hostname: string) => boolean, part: ServicePart): Owner | undefined => {
        const found = services.find(([name, settings]) => match(name, settings.hostname));
        return found ? { subject: "service", service: found[0], part } : undefined;
    };
    switch (identity.kind) {
        case "cloudrun.service":
            return service((name) => workloadName(app, config.environment, name) === identity.name, "service");
        case "cloudrun.domainMapping":
            return service((_, hostname) => hostname === identity.name, "domainMapping");
        case "cloudflare.dnsRecord":
            return service((_, hostname) => hostname === identity.name, "dnsRecord");
        case "sql.instance":
        case "sql.database":
        case "sql.user":
            return { subject: "postgres" };
        case "artifactregistry.repository":
            return { subject: "registry" };
        case "secretmanager.secret":
            return databaseSecret(identity.name, config) ? { subject: "postgres" } : service((name) => Object.values(config.services[name].secrets).includes(identity.name), "secrets");
        default:
            return undefined;
    }
}

function databaseSecret(secretId: string, config: StackConfig): boolean {
    const { connectionUrl, instanceName, user } = config.postgres;
    return secretId === connectionUrl?.secret || secretId === databasePasswordSecretId(instanceName, user);
}

/** The key that adopts what `owner` declares: `bilko:services.api.adopt`, `bilko:postgres.adopt`, ... */
export function adoptKey(owner: Owner): string {
    if (owner.subject !== "service") {
        return ADOPT_KEYS[owner.subject];
    }
    return owner.part === "service" ? serviceKey(owner.service, "adopt") : serviceKey(owner.service, `adopt.${owner.part}`);
}

/** The key whose list acknowledges first-run changes of what `owner` declares. */
export function acknowledgeKey(owner: Owner): string {
    return owner.subject === "service" ? serviceKey(owner.service, "adopt.acknowledge") : `${ADOPT_KEYS[owner.subject]}.acknowledge`;
}

/** What the stack acknowledges for `owner`. */
export function acknowledged(owner: Owner, config: StackConfig): readonly string[] {
    switch (owner.subject) {
        case "service":
            return config.services[owner.service].adopt.acknowledge;
        case "postgres":
            return config.postgres.adopt?.acknowledge ?? [];
        case "registry":
            return config.registry.adopt?.acknowledge ?? [];
    }
}
