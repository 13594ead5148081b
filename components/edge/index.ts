/**
 * The public edge of a stack: per hostname its Cloudflare records (and a domain mapping for Cloud Run without the load
 * balancer), and CORS origins.
 */
export { corsOrigins, type CorsSource } from "./cors";
export { authorizationRecordFor, AUTOMATIC_TTL, CLOUD_RUN_CNAME_TARGET, dnsRecordFor, type AuthorizationRecord, type DnsTarget } from "./dnsRecord";
export { Edge, type CloudRunRoute, type EdgeAdoption, type EdgeArgs, type EdgeRoute, type IngressRoute, type LoadBalancerRoute } from "./edge";
export { dnsRecordImportId, domainMappingImportId, hostnameSlug } from "./names";
