/** The Cloudflare record that sends a hostname to where it is served. */

/** Cloud Run domain mappings for subdomains are served through this CNAME target. */
export const CLOUD_RUN_CNAME_TARGET = "ghs.googlehosted.com";

/** Cloudflare's "automatic" TTL; the only TTL it accepts on proxied records. */
export const AUTOMATIC_TTL = 1;
const UNPROXIED_TTL = 300;

/** Where a hostname points: Cloud Run's domain-mapping target, or a GKE Ingress's global address. */
export type DnsTarget<Address> = { kind: "cloudrun" } | { kind: "ingress"; address: Address };

export function dnsRecordFor<Address = string>(hostname: string, target: DnsTarget<Address>, proxied: boolean) {
    const pointer =
        target.kind === "cloudrun"
            ? { type: "CNAME", content: CLOUD_RUN_CNAME_TARGET as string | Address, comment: "Cloud Run domain mapping; managed by bilko" }
            : { type: "A", content: target.address as string | Address, comment: "GKE Ingress global address; managed by bilko" };
    return { name: hostname, ...pointer, proxied, ttl: proxied ? AUTOMATIC_TTL : UNPROXIED_TTL };
}
