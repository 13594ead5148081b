/** Import ids of the live edge of a hostname a stack adopts: its Cloud Run domain mapping and its Cloudflare record. */

export function domainMappingImportId(project: string, region: string, hostname: string): string {
    return `locations/${region}/namespaces/${project}/domainmappings/${hostname}`;
}

/** Cloudflare's import id of a DNS record: `<zone id>/<record id>`. */
export function dnsRecordImportId(zoneId: string, recordId: string): string {
    return `${zoneId}/${recordId}`;
}
