/** Names the edge derives from a hostname. */

/** `bilko-api.alai.no` -> `bilko-api-alai-no`: the hostname inside the edge's resource names. */
export function hostnameSlug(hostname: string): string {
    return hostname.replace(/\./g, "-");
}
