/** What the cloudsql policies share: type tokens, subjects of messages and readers of resource properties. */


export const SQL_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";

/** The PostgreSQL major every stack runs unless the pack config says otherwise. */
export const DEFAULT_POSTGRES_VERSION = "POSTGRES_16";

export const REQUIRED_SSL_MODES = ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"];

export const CONNECTION_LOG_FLAGS = ["log_connections", "log_disconnections"];

export const subject = (name: string) => `Cloud SQL instance "${name}"`;

export const prodSubject = (name: string) => `${subject(name)} is labelled environment=prod but`;

export interface PostgresVersionConfig {
    requiredPostgresVersion: string;
}

/** Cloud SQL's choice when `edition` is unset: ENTERPRISE_PLUS from POSTGRES_16 on, ENTERPRISE for everything else. */
export function defaultEdition(databaseVersion: unknown): string {
    const major = /^POSTGRES_(\d+)$/.exec(String(databaseVersion))?.[1];
    return major !== undefined && Number(major) >= 16 ? "ENTERPRISE_PLUS" : "ENTERPRISE";
}

/** The value of database flag `name`, `undefined` when unset; unknown flags are read as unset. */
export function flagValue(props: Record<string, any>, name: string): unknown {
    const flags = props.settings?.databaseFlags;
    return Array.isArray(flags) ? flags.find((flag: { name?: unknown }) => flag?.name === name)?.value : undefined;
}
