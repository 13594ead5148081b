/** The Cloudflare record that sends a hostname to its Cloud Run domain mapping. */

/** Cloud Run domain mappings for subdomains are served through this CNAME target. */
export const CLOUD_RUN_CNAME_TARGET = "ghs.googlehosted.com";

/** Cloudflare's "automatic" TTL; the only TTL it accepts on proxied records. */
export const AUTOMATIC_TTL = 1;
const UNPROXIED_TTL = 300;

export function dnsRecordFor(hostname: string, proxied: boolean) {
    return {
        name: hostname,
        type: "CNAME",
        content: CLOUD_RUN_CNAME_TARGET,
        proxied,
        ttl: proxied ? AUTOMATIC_TTL : UNPROXIED_TTL,
        comment: "Cloud Run domain mapping; managed by bilko",
    };
}

/** The record for a hostname served by a GKE Ingress on a reserved global address. */
export function ingressDnsRecord<Address>(hostname: string, address: Address, proxied: boolean) {
    return {
        name: hostname,
        type: "A",
        content: address,
        proxied,
        ttl: proxied ? AUTOMATIC_TTL : UNPROXIED_TTL,
        comment: "GKE Ingress global address; managed by bilko",
    };
}
