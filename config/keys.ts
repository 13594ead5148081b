/**
 * The `bilko:` key names other modules need to read or edit a stack file directly (the promotion tools), so no key
 * string is spelled outside this folder.
 */

export const KEYS = {
    upstream: "bilko:upstream",
    organization: "bilko:organization",
    services: "bilko:services",
    edge: "bilko:edge",
    rollout: "bilko:rollout",
    promotion: "bilko:promotion",
    releases: "bilko:releases",
    smoke: "bilko:smoke",
    smokePassed: "bilko:smokePassed",
    notifications: "bilko:notifications",
} as const;

/** A key below one service, as messages write it: `bilko:services.api.port`. */
export function serviceKey(service: string, key: string): string {
    return `${KEYS.services}.${service}.${key}`;
}

/** Where a service's digest lives in the stack file, below `config:`. */
export function serviceDigestPath(service: string): [string, string, string] {
    return [KEYS.services, service, "digest"];
}

/** The same key as it is written in messages: `bilko:services.web.digest`. */
export function serviceDigestKey(service: string): string {
    return serviceDigestPath(service).join(".");
}

/** Where a service's migrator digest lives in the stack file, below `config:`. */
export function migratorDigestPath(service: string): [string, string, string, string] {
    return [KEYS.services, service, "migrations", "digest"];
}

/** `bilko:smokePassed.web`: written by the pipeline once the smoke test of that digest passed. */
export function smokePassedKey(service: string): string {
    return `${KEYS.smokePassed}.${service}`;
}

/** `bilko:releases[3]`, as messages name one entry. */
export function releaseKey(index: number): string {
    return `${KEYS.releases}[${index}]`;
}

/** Where a stack adopts its database or its registry: `bilko:postgres.adopt`, `bilko:registry.adopt`. */
export const ADOPT_KEYS = {
    postgres: "bilko:postgres.adopt",
    registry: "bilko:registry.adopt",
} as const;
