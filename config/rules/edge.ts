/**
 * `bilko:edge`: prod serves through the load balancer with Armor enforcing; Armor exists only with the load
 * balancer; rate limits name services of this stack; what a load balancer cannot work with is refused.
 */
import { show } from "../../common/text";
import { certificateName } from "../../components/loadbalancer/names";
import { KEYS, serviceKey } from "../keys";
import type { StackConfig } from "../types";
import type { Problem } from "./problem";

export function edgeProblem(config: StackConfig): Problem | undefined {
    const { edge, environment } = config;
    const mode = `${KEYS.edge}.mode`;
    const armor = `${KEYS.edge}.armor`;
    if (environment === "prod" && edge.mode !== "load-balancer") {
        return {
            key: mode,
            reason: `prod serves its hostnames through the load balancer (load-balancer), with Cloud Armor in front and run.app closed; Cloud Run domain mappings are a Preview feature with no WAF, got ${show(edge.mode)}`,
        };
    }
    if (edge.mode === "domain-mapping") {
        return edge.armor ? { key: armor, reason: "Cloud Armor sits on the load balancer's backends; domain mappings have none. Set mode: load-balancer or remove armor" } : undefined;
    }
    if (!edge.armor) {
        return { key: armor, reason: "missing required key: the load balancer puts Cloud Armor on every backend; set armor.mode to preview or enforce" };
    }
    if (environment === "prod" && edge.armor.mode !== "enforce") {
        return { key: `${armor}.mode`, reason: `prod's Cloud Armor blocks what it detects (enforce); preview only logs it, got ${show(edge.armor.mode)}` };
    }
    if (config.dns.proxied) {
        return {
            key: "bilko:dns.proxied",
            reason: "the load balancer's rate limits count requests per client IP, and behind Cloudflare's proxy every client has Cloudflare's addresses; keep the records DNS-only (false)",
        };
    }
    return certificateProblem(config) ?? rateLimitProblem(config) ?? adoptedMappingProblem(config);
}

/** Each load-balanced hostname names its certificate, which Certificate Manager must accept as a name. */
function certificateProblem(config: StackConfig): Problem | undefined {
    const unnamed = Object.entries(config.services).find(([, service]) => service.runtime === "cloudrun" && certificateName(service.hostname) === undefined);
    return unnamed
        ? {
              key: serviceKey(unnamed[0], "hostname"),
              reason: `"${unnamed[1].hostname}" cannot name its Certificate Manager certificate (a letter first, at most 64 characters once dots become hyphens)`,
          }
        : undefined;
}

function rateLimitProblem(config: StackConfig): Problem | undefined {
    const services = Object.keys(config.services);
    for (const [service, limits] of Object.entries(config.edge.armor?.rateLimits ?? {})) {
        const key = `${KEYS.edge}.armor.rateLimits.${service}`;
        if (!services.includes(service)) {
            return { key, reason: `unknown service "${service}" (services: ${services.join(", ")})` };
        }
        const paths = limits.map((limit) => limit.path.toLowerCase());
        const repeated = paths.findIndex((path, index) => paths.indexOf(path) !== index);
        if (repeated !== -1) {
            return { key: `${key}[${repeated}].path`, reason: `${show(limits[repeated].path)} is already limited above; keep one limit per path` };
        }
    }
    return undefined;
}

/** A live domain mapping is deleted once the load balancer serves its hostname (docs/cutover.md), never adopted. */
function adoptedMappingProblem(config: StackConfig): Problem | undefined {
    const adopted = Object.entries(config.services).find(([, service]) => service.adopt.domainMapping);
    return adopted
        ? {
              key: serviceKey(adopted[0], "adopt.domainMapping"),
              reason: "the load balancer replaces the hostname's domain mapping; remove this key and follow docs/cutover.md to move the hostname without downtime",
          }
        : undefined;
}
