/** The public edge of a stack: per hostname a Cloudflare record (and a domain mapping for Cloud Run), and CORS origins. */
export { corsOrigins, type CorsSource } from "./cors";
export { AUTOMATIC_TTL, CLOUD_RUN_CNAME_TARGET, dnsRecordFor, type DnsTarget } from "./dnsRecord";
export { Edge, type CloudRunRoute, type EdgeAdoption, type EdgeArgs, type EdgeRoute, type IngressRoute } from "./edge";
export { dnsRecordImportId, domainMappingImportId, hostnameSlug } from "./names";
