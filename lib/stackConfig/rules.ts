/** Rules that span several keys, checked once every value is well-formed. */
import { editionForTier } from "../postgresRules";
import { looksLikeSecretName } from "../secretNames";
import { RESERVED_ENV_NAMES } from "../serviceEnv";
import { closest } from "../suggest";
import { show } from "../shortText";
import { serviceKey } from "./keys";
import type { StackConfig } from "./index";
import { repositoryLocationOf, secretsKeyOf, stateBucketOf } from "./pipelineResources";
import type { PipelineConfig, ServiceConfig } from "./schema";

export interface Problem {
    key: string;
    reason: string;
}

/** Rules that span keys; the first one broken is reported. */
export function crossFieldProblem(config: StackConfig, knownStacks: readonly string[]): Problem | undefined {
    return (
        upstreamProblem(config, knownStacks) ??
        postgresProblem(config) ??
        pipelineProblem(config) ??
        kubernetesProblem(config) ??
        servicesProblem(config)
    );
}

function upstreamProblem(config: StackConfig, knownStacks: readonly string[]): Problem | undefined {
    const key = "bilko:upstream";
    const upstream = config.upstream;
    if (upstream === undefined) {
        return config.environment === "stage"
            ? undefined
            : { key, reason: `missing required key: a ${config.environment} stack promotes from an upstream stack (e.g. "${config.environment === "prod" ? "demo" : "stage"}")` };
    }
    if (config.environment === "stage") {
        return { key, reason: `stage is where images enter; it has no upstream, got ${show(upstream)}` };
    }
    if (upstream === config.stack) {
        return { key, reason: `"${upstream}" is this stack itself; name the stack this one promotes from` };
    }
    if (!knownStacks.includes(upstream)) {
        const known = knownStacks.filter((stack) => stack !== config.stack).join(", ");
        return { key, reason: `unknown stack ${show(upstream)} (known: ${known})` };
    }
    return undefined;
}

function postgresProblem(config: StackConfig): Problem | undefined {
    const { edition, tier } = config.postgres;
    if (editionForTier(tier) !== edition) {
        return {
            key: "bilko:postgres.edition",
            reason: `${edition} does not run tier "${tier}": ENTERPRISE_PLUS needs a db-perf-optimized-N-* tier and those tiers need ENTERPRISE_PLUS`,
        };
    }
    return undefined;
}

function pipelineProblem(config: StackConfig): Problem | undefined {
    if (config.pipeline && !config.sharedResources) {
        return { key: "bilko:pipeline", reason: "the delivery pipeline lives in the stack with bilko:sharedResources: true; remove it here" };
    }
    if (config.sharedResources && !config.pipeline) {
        return { key: "bilko:pipeline", reason: "missing required key: the stack with bilko:sharedResources: true owns the delivery pipeline" };
    }
    return config.pipeline ? pipelineResourcesProblem(config.pipeline, config.region) : undefined;
}

/** The pipeline's accounts are granted on the state bucket and the KMS key themselves, and its triggers run in gcp:region. */
function pipelineResourcesProblem(pipeline: PipelineConfig, region: string): Problem | undefined {
    if (!stateBucketOf(pipeline.stateBackend)) {
        return { key: "bilko:pipeline.stateBackend", reason: `the pipeline's accounts are granted on the state bucket itself; use a "gs://<bucket>" backend, got ${show(pipeline.stateBackend)}` };
    }
    if (!secretsKeyOf(pipeline.secretsProvider)) {
        return {
            key: "bilko:pipeline.secretsProvider",
            reason: `the pipeline's accounts are granted on the KMS key itself; use "gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>", got ${show(pipeline.secretsProvider)}`,
        };
    }
    const location = pipeline.repository ? repositoryLocationOf(pipeline.repository) : undefined;
    if (location !== undefined && location !== region) {
        return { key: "bilko:pipeline.repository", reason: `the repository's connection is in "${location}" but the triggers run in gcp:region "${region}"; they must be in one region` };
    }
    return undefined;
}

function kubernetesProblem(config: StackConfig): Problem | undefined {
    const onKubernetes = Object.entries(config.services).filter(([, service]) => service.runtime === "kubernetes");
    if (onKubernetes.length > 0 && !config.kubernetes) {
        return { key: "bilko:kubernetes", reason: `missing required key: service "${onKubernetes[0][0]}" has runtime: kubernetes` };
    }
    for (const [name, service] of Object.entries(config.services)) {
        if (service.runtime === "cloudrun" && service.replicas !== undefined) {
            return { key: serviceKey(name, "replicas"), reason: "applies to runtime: kubernetes; Cloud Run scales between minInstances and maxInstances" };
        }
        if (service.runtime !== "kubernetes") {
            continue;
        }
        if (!service.public) {
            return { key: serviceKey(name, "public"), reason: "a Kubernetes service is published through its Ingress; runtime: kubernetes needs public: true" };
        }
        if (service.adopt) {
            return { key: serviceKey(name, "adopt"), reason: "adopting applies to live Cloud Run services; a Kubernetes Deployment is created by bilko" };
        }
        if (service.database && !config.kubernetes?.sqlProxyImage) {
            return { key: "bilko:kubernetes.sqlProxyImage", reason: `missing required key: service "${name}" has database: true and reaches Cloud SQL through the Auth Proxy sidecar` };
        }
    }
    return undefined;
}

function servicesProblem(config: StackConfig): Problem | undefined {
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
    for (const envName of Object.keys(service.env)) {
        const key = serviceKey(serviceName, `env.${envName}`);
        if (looksLikeSecretName(envName)) {
            return { key, reason: `looks like a credential; store it in Secret Manager and list it under secrets (${envName}: <secret id>)` };
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
