/** Names the edge derives from a hostname, and the import ids of the live edge of a hostname a stack adopts. */

/** `bilko-api.alai.no` -> `bilko-api-alai-no`: the hostname inside the edge's resource names. */
export function hostnameSlug(hostname: string): string {
    return hostname.replace(/\./g, "-");
}

/** Import id of a hostname's live Cloud Run domain mapping. */
export function domainMappingImportId(project: string, region: string, hostname: string): string {
    return `locations/${region}/namespaces/${project}/domainmappings/${hostname}`;
}

/** Cloudflare's import id of a DNS record: `<zone id>/<record id>`. */
export function dnsRecordImportId(zoneId: string, recordId: string): string {
    return `${zoneId}/${recordId}`;
}
