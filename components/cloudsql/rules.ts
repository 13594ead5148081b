/** Cloud SQL for PostgreSQL rules shared by the stack-config schema and the policy pack. */

export const POSTGRES_VERSION_PATTERN = /^POSTGRES_\d+$/;

export const EDITIONS = ["ENTERPRISE", "ENTERPRISE_PLUS"] as const;
export type Edition = (typeof EDITIONS)[number];

/** Enterprise Plus runs only on the performance-optimized machine family, and that family only on Enterprise Plus. */
const PERF_OPTIMIZED_TIER = /^db-perf-optimized-N-\d+$/;

export function editionForTier(tier: string): Edition {
    return PERF_OPTIMIZED_TIER.test(tier) ? "ENTERPRISE_PLUS" : "ENTERPRISE";
}

export function editionMatchesTier(edition: string, tier: string): boolean {
    return editionForTier(tier) === edition;
}

/** Longest point-in-time-recovery log retention Cloud SQL accepts for an edition. */
export function maxTransactionLogDays(edition: Edition): number {
    return edition === "ENTERPRISE_PLUS" ? 35 : 7;
}

/**
 * What a connection URL template (`bilko:postgres.connectionUrl.template`) may name: the user, its password, ...;
 * `host` is where apps connect (the private IP of a private instance, else the socket directory, as DB_HOST).
 */
export const CONNECTION_URL_PLACEHOLDERS = ["user", "password", "database", "connectionName", "socket", "host"] as const;
