/** `bilko:services`: hostnames inside the zone and unique, CORS sources that exist, env that is not a credential. */
import { closest } from "../../common/suggest";
import { show } from "../../common/text";
import { RESERVED_ENV_NAMES } from "../../components/workload/env";
import { looksLikeSecretName } from "../../components/workload/secretNames";
import { plaintextSecretKind } from "../../components/workload/secretValues";
import { serviceKey } from "../keys";
import { passwordMode, type ServiceConfig } from "../schema";
import type { StackConfig } from "../types";
import type { Problem } from "./problem";

export function servicesProblem(config: StackConfig): Problem | undefined {
    return hostnameProblem(config) ?? Object.entries(config.services).map(([name, service]) => serviceProblem(config, name, service)).find(Boolean);
}

function hostnameProblem(config: StackConfig): Problem | undefined {
    const { zone } = config.dns;
    const owners = new Map<string, string>();
    for (const [name, service] of Object.entries(config.services)) {
        const key = serviceKey(name, "hostname");
        if (service.hostname !== zone && !service.hostname.endsWith(`.${zone}`)) {
            return { key, reason: `"${service.hostname}" is outside the DNS zone "${zone}" (bilko:dns.zone)` };
        }
        const owner = owners.get(service.hostname);
        if (owner) {
            return { key, reason: `"${service.hostname}" is already the hostname of service "${owner}"` };
        }
        owners.set(service.hostname, name);
    }
    return undefined;
}

function serviceProblem(config: StackConfig, name: string, service: ServiceConfig): Problem | undefined {
    const names = Object.keys(config.services);
    const unknownCors = service.corsFrom.find((source) => !names.includes(source));
    if (unknownCors) {
        const suggestion = closest(unknownCors, names);
        return { key: serviceKey(name, "corsFrom"), reason: `unknown service "${unknownCors}" (services: ${names.join(", ")})${suggestion ? `; did you mean "${suggestion}"?` : ""}` };
    }
    if (config.environment === "prod" && service.corsExtraOrigins.length > 0) {
        return { key: serviceKey(name, "corsExtraOrigins"), reason: `extra CORS origins are refused in prod; prod allows only its own hostnames, got ${show(service.corsExtraOrigins)}` };
    }
    if (service.minInstances > service.maxInstances) {
        return { key: serviceKey(name, "minInstances"), reason: `${service.minInstances} is more than maxInstances ${service.maxInstances}` };
    }
    const staleUrl = Object.entries(service.env).find(([, value]) => pointsIntoZoneElsewhere(value, config));
    if (staleUrl) {
        return { key: serviceKey(name, `env.${staleUrl[0]}`), reason: `"${staleUrl[1]}" is in zone "${config.dns.zone}" but no service of this stack has that hostname` };
    }
    const envProblem = serviceEnvProblem(name, service);
    if (envProblem) {
        return envProblem;
    }
    if (service.migrations && !service.database) {
        return { key: serviceKey(name, "migrations"), reason: "migrations run against the database; set database: true on this service or move them" };
    }
    return service.database ? databaseCredentialProblem(config, name, service) : undefined;
}

/** The variables a database service reads must exist: the password only when bilko generates it, the URL only when named. */
function databaseCredentialProblem(config: StackConfig, name: string, service: ServiceConfig): Problem | undefined {
    const key = serviceKey(name, "databaseEnv");
    const reads = (variable: string) => (service.databaseEnv as readonly string[]).includes(variable);
    if (reads("DATABASE_URL") && !config.postgres.connectionUrl) {
        return { key, reason: "DATABASE_URL is read from the secret bilko:postgres.connectionUrl names, and it names none" };
    }
    if (reads("DB_PASSWORD") && passwordMode(config.postgres) === "keep") {
        return { key, reason: `DB_PASSWORD is the password bilko generates, and bilko:postgres.password is "keep": read DATABASE_URL (bilko:postgres.connectionUrl) instead` };
    }
    if (reads("DB_PASSWORD") && reads("DATABASE_URL")) {
        return { key, reason: "read one credential, DATABASE_URL or DB_PASSWORD, not both" };
    }
    if (service.migrations && passwordMode(config.postgres) === "keep" && !config.postgres.connectionUrl) {
        return {
            key: "bilko:postgres.connectionUrl",
            reason: `the migrations of service "${name}" need a credential: bilko keeps the live password it never knew, so name the connection URL secret that carries it`,
        };
    }
    return undefined;
}

/** A URL into our own zone must name a hostname this stack publishes: the stale-hostname mistake, caught early. */
function pointsIntoZoneElsewhere(value: string, config: StackConfig): boolean {
    const host = /^https?:\/\/([a-z0-9.-]+)/.exec(value)?.[1];
    if (!host || (host !== config.dns.zone && !host.endsWith(`.${config.dns.zone}`))) {
        return false;
    }
    return !Object.values(config.services).some((service) => service.hostname === host);
}

function serviceEnvProblem(serviceName: string, service: ServiceConfig): Problem | undefined {
    for (const [envName, value] of Object.entries(service.env)) {
        const key = serviceKey(serviceName, `env.${envName}`);
        if (looksLikeSecretName(envName)) {
            return { key, reason: `looks like a credential; store it in Secret Manager and list it under secrets (${envName}: <secret id>)` };
        }
        const kind = plaintextSecretKind(value);
        if (kind) {
            return { key, reason: `its value looks like ${kind}; store it in Secret Manager and list it under secrets (${envName}: <secret id>)` };
        }
        if (RESERVED_ENV_NAMES.includes(envName)) {
            return { key, reason: `is set by bilko itself (${RESERVED_ENV_NAMES.join(", ")}); remove it` };
        }
        if (envName in service.secrets) {
            return { key, reason: `is also listed under secrets; keep one` };
        }
    }
    const reservedSecret = Object.keys(service.secrets).find((envName) => RESERVED_ENV_NAMES.includes(envName));
    if (reservedSecret) {
        return { key: serviceKey(serviceName, `secrets.${reservedSecret}`), reason: `is set by bilko itself (${RESERVED_ENV_NAMES.join(", ")}); remove it` };
    }
    return undefined;
}
