/** The Cloudflare records that send a hostname to where it is served, and let Google issue its certificate. */

/** Cloud Run domain mappings for subdomains are served through this CNAME target. */
export const CLOUD_RUN_CNAME_TARGET = "ghs.googlehosted.com";

/** Cloudflare's "automatic" TTL; the only TTL it accepts on proxied records. */
export const AUTOMATIC_TTL = 1;
const UNPROXIED_TTL = 300;

/**
 * Where a hostname points: Cloud Run's domain-mapping target, a GKE Ingress's global address, or one of the load
 * balancer's global addresses (an A record to its IPv4, an AAAA record to its IPv6).
 */
export type DnsTarget<Address> =
    | { kind: "cloudrun" }
    | { kind: "ingress"; address: Address }
    | { kind: "loadbalancer"; type: "A" | "AAAA"; address: Address };

export function dnsRecordFor<Address = string>(hostname: string, target: DnsTarget<Address>, proxied: boolean) {
    const pointer =
        target.kind === "cloudrun"
            ? { type: "CNAME", content: CLOUD_RUN_CNAME_TARGET as string | Address, comment: "Cloud Run domain mapping; managed by bilko" }
            : target.kind === "ingress"
              ? { type: "A", content: target.address as string | Address, comment: "GKE Ingress global address; managed by bilko" }
              : { type: target.type as string, content: target.address as string | Address, comment: "Load balancer global address; managed by bilko" };
    return { name: hostname, ...pointer, proxied, ttl: proxied ? AUTOMATIC_TTL : UNPROXIED_TTL };
}

/** The record a Certificate Manager DNS authorization asks for, as Google reports it (names end in a dot). */
export interface AuthorizationRecord {
    name: string;
    type: string;
    data: string;
}

/**
 * The DNS authorization's CNAME (`_acme-challenge.<hostname>` -> `<id>.<n>.authorize.certificatemanager.goog`), never
 * proxied: Google resolves it to prove the zone is ours, for as long as the certificate renews.
 */
export function authorizationRecordFor(record: AuthorizationRecord) {
    return {
        name: record.name.replace(/\.$/, ""),
        type: record.type,
        content: record.data.replace(/\.$/, ""),
        proxied: false,
        ttl: UNPROXIED_TTL,
        comment: "Certificate Manager DNS authorization; managed by bilko",
    };
}
