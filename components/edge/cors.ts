/** CORS origins are derived from the hostnames the same stack publishes, never typed by hand. */

export interface CorsSource {
    hostname: string;
    corsFrom: readonly string[];
    corsExtraOrigins: readonly string[];
}

/** `https://<hostname>` of each `corsFrom` service in order, then the extra origins, without duplicates. */
export function corsOrigins(services: Readonly<Record<string, CorsSource>>, name: string): string[] {
    const service = services[name];
    const fromHostnames = service.corsFrom.map((source) => `https://${services[source].hostname}`);
    return [...new Set([...fromHostnames, ...service.corsExtraOrigins])];
}
