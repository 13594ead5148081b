/**
 * The edge of each hostname as the planned resources declare it (not as the config asks for it): how it is served
 * (domain mapping, load balancer or GKE Ingress), which certificate it gets and whether Cloud Armor enforces, logs
 * only (preview) or is absent. Pure, over the resources of one stack.
 */
import type { PlannedResource } from "../offline/evaluate";

type Inputs = Record<string, any>;

export interface HostnameEdge {
    hostname: string;
    mode: "domain-mapping" | "load-balancer" | "gke-ingress" | "unknown";
    certificate: string;
    /** `enforce (<policy>)`, `preview (<policy>)`, or `none`. */
    armor: string;
    /** `/auth/login 10/60s` per rate-limited path, when Armor limits any. */
    rateLimits: string[];
}

const DNS_RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const last = (reference: unknown) => (typeof reference === "string" ? (reference.split("/").pop() ?? "") : "");

export function hostnameEdges(resources: readonly PlannedResource[]): HostnameEdge[] {
    const ofType = (type: string) => resources.filter((resource) => resource.type === type).map((resource) => resource.inputs);
    const named = (type: string, name: string) => ofType(type).find((inputs) => inputs.name === name);
    const hostnames = [...new Set(ofType(DNS_RECORD).filter((record) => !String(record.name).startsWith("_")).map((record) => String(record.name)))];
    const armorOf = (policyName: string | undefined): Pick<HostnameEdge, "armor" | "rateLimits"> => {
        const policy = policyName ? named("gcp:compute/securityPolicy:SecurityPolicy", policyName) : undefined;
        if (!policy) {
            return { armor: "none", rateLimits: [] };
        }
        const rules: Inputs[] = policy.rules ?? [];
        const mode = rules.some((rule) => rule.preview === true) ? "preview" : "enforce";
        const limits = rules
            .filter((rule) => rule.action === "throttle")
            .map((rule) => {
                const path = /startsWith\('([^']*)'\)/.exec(rule.match?.expr?.expression ?? "")?.[1] ?? "?";
                const threshold = rule.rateLimitOptions?.rateLimitThreshold ?? {};
                return `${path} ${threshold.count}/${threshold.intervalSec}s`;
            });
        return { armor: `${mode} (${policyName})`, rateLimits: limits };
    };

    return hostnames.map((hostname): HostnameEdge => {
        if (named("gcp:cloudrun/domainMapping:DomainMapping", hostname)) {
            return { hostname, mode: "domain-mapping", certificate: "Cloud Run managed (domain mapping)", armor: "none", rateLimits: [] };
        }
        const urlMap = ofType("gcp:compute/uRLMap:URLMap").find((map) => (map.hostRules ?? []).some((rule: Inputs) => rule.hosts?.includes(hostname)));
        if (urlMap) {
            const matcher = urlMap.hostRules.find((rule: Inputs) => rule.hosts.includes(hostname)).pathMatcher;
            const backend = named("gcp:compute/backendService:BackendService", last((urlMap.pathMatchers ?? []).find((candidate: Inputs) => candidate.name === matcher)?.defaultService));
            const entry = ofType("gcp:certificatemanager/certificateMapEntry:CertificateMapEntry").find((candidate) => candidate.hostname === hostname);
            const certificate = entry ? named("gcp:certificatemanager/certificate:Certificate", last(entry.certificates?.[0])) : undefined;
            const how = certificate?.managed?.dnsAuthorizations?.length > 0 ? "Certificate Manager, DNS authorization" : "Certificate Manager";
            return { hostname, mode: "load-balancer", certificate: certificate ? `${certificate.name} (${how})` : "none", ...armorOf(backend ? last(backend.securityPolicy) : undefined) };
        }
        const ingress = ofType("kubernetes:networking.k8s.io/v1:Ingress").find((candidate) => candidate.spec?.rules?.[0]?.host === hostname);
        if (ingress) {
            const serviceName = ingress.spec.rules[0].http?.paths?.[0]?.backend?.service?.name;
            const backendConfig = ofType("kubernetes:cloud.google.com/v1:BackendConfig").find((candidate) => candidate.metadata?.name === serviceName);
            const managed = ingress.metadata?.annotations?.["networking.gke.io/managed-certificates"];
            return { hostname, mode: "gke-ingress", certificate: `${managed} (GKE ManagedCertificate)`, ...armorOf(backendConfig?.spec?.securityPolicy?.name) };
        }
        return { hostname, mode: "unknown", certificate: "none", armor: "none", rateLimits: [] };
    });
}

/** The `edge:` block of the plan's table: one line per hostname. */
export function edgeLines(resources: readonly PlannedResource[]): string[] {
    const edges = hostnameEdges(resources);
    if (edges.length === 0) {
        return [];
    }
    const width = Math.max(...edges.map((edge) => edge.hostname.length));
    return [
        "  edge:",
        ...edges.map((edge) =>
            [`    ${edge.hostname.padEnd(width)}`, edge.mode, `certificate=${edge.certificate}`, `armor=${edge.armor}`, ...(edge.rateLimits.length > 0 ? [`rate-limits=${edge.rateLimits.join(", ")}`] : [])].join("  "),
        ),
    ];
}
