/** The environment a service container sees: its own values, computed ones, and secrets by reference only. */
import type { Input } from "@pulumi/pulumi";

/** The database variables bilko can set for an app; which of them an app reads is its config (`databaseEnv`). */
export const DATABASE_ENV_NAMES = ["DATABASE_URL", "DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "INSTANCE_CONNECTION_NAME"] as const;
export type DatabaseEnvName = (typeof DATABASE_ENV_NAMES)[number];

/** What a database service reads unless its config says otherwise: the split variables, the password by reference. */
export const DEFAULT_DATABASE_ENV: readonly DatabaseEnvName[] = ["DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "INSTANCE_CONNECTION_NAME"];

/** Names bilko sets itself; config may not set them (PORT is reserved by Cloud Run). */
export const RESERVED_ENV_NAMES = ["PORT", "CORS_ORIGINS", "DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "INSTANCE_CONNECTION_NAME", "DATABASE_URL"];

/** Where the Cloud SQL Auth Proxy socket is mounted in Cloud Run. */
export const CLOUD_SQL_MOUNT_PATH = "/cloudsql";

/** A Secret Manager secret and the version a workload reads. */
export interface SecretRef {
    id: Input<string>;
    version: Input<string>;
}

export interface DatabaseBinding {
    instanceName: string;
    connectionName: string;
    databaseName: string;
    user: string;
    /** The user's generated password; absent when bilko keeps a live password it never knew (an adopted user). */
    passwordSecret?: SecretRef;
    /** The connection URL apps read as `DATABASE_URL`; absent unless the stack names one. */
    urlSecret?: SecretRef;
    /**
     * The private IP of an instance without a public one: Cloud Run reaches it over TCP (TLS) through Direct VPC
     * egress, not the socket, which serves public IPs; `DB_HOST` is this address then.
     */
    privateAddress?: Input<string>;
}

export interface PlainEnv {
    name: string;
    /** Known while planning, except the private address of a database created in the same update. */
    value: Input<string>;
}

export interface SecretEnv {
    name: string;
    secret: Input<string>;
    version: Input<string>;
}

/** A container's environment: plain values and secret references, each sorted by name. */
export interface ServiceEnv {
    plain: PlainEnv[];
    secret: SecretEnv[];
}

export interface ServiceEnvInput {
    env: Readonly<Record<string, string>>;
    /** env name -> Secret Manager secret id. */
    secrets: Readonly<Record<string, string>>;
    corsOrigins: readonly string[];
    database?: DatabaseBinding;
    /** Which database variables to set (with `database`); default `DEFAULT_DATABASE_ENV`. */
    databaseEnv?: readonly DatabaseEnvName[];
}

/** Why `databaseEnv` cannot be served from `database` (a secret it needs is absent), or `undefined`. */
export function databaseEnvProblem(database: DatabaseBinding, databaseEnv: readonly DatabaseEnvName[]): string | undefined {
    if (databaseEnv.includes("DB_PASSWORD") && !database.passwordSecret) {
        return "DB_PASSWORD needs the generated password secret, and this database keeps a password bilko never knew";
    }
    if (databaseEnv.includes("DATABASE_URL") && !database.urlSecret) {
        return "DATABASE_URL needs a connection URL secret, and this database has none";
    }
    return undefined;
}

/** Plain values and secret references, each sorted by name so the template diff stays stable. */
export function serviceEnv(input: ServiceEnvInput): ServiceEnv {
    const plain: Record<string, Input<string>> = { ...input.env };
    const secret: SecretEnv[] = Object.entries(input.secrets).map(([name, id]) => ({ name, secret: id, version: "latest" }));
    if (input.corsOrigins.length > 0) {
        plain.CORS_ORIGINS = input.corsOrigins.join(",");
    }
    if (input.database) {
        Object.assign(plain, databasePlainEnv(input.database, input.databaseEnv ?? DEFAULT_DATABASE_ENV));
        secret.push(...databaseSecretEnv(input.database, input.databaseEnv ?? DEFAULT_DATABASE_ENV));
    }
    return {
        plain: Object.entries(plain)
            .map(([name, value]) => ({ name, value }))
            .sort(byName),
        secret: secret.sort(byName),
    };
}

function databasePlainEnv(db: DatabaseBinding, names: readonly DatabaseEnvName[]): Record<string, Input<string>> {
    const values: Partial<Record<DatabaseEnvName, Input<string>>> = {
        DB_HOST: db.privateAddress ?? `${CLOUD_SQL_MOUNT_PATH}/${db.connectionName}`,
        DB_NAME: db.databaseName,
        DB_USER: db.user,
        INSTANCE_CONNECTION_NAME: db.connectionName,
    };
    return Object.fromEntries(names.flatMap((name) => (values[name] === undefined ? [] : [[name, values[name]]])));
}

function databaseSecretEnv(db: DatabaseBinding, names: readonly DatabaseEnvName[]): SecretEnv[] {
    const refs: Partial<Record<DatabaseEnvName, SecretRef | undefined>> = { DB_PASSWORD: db.passwordSecret, DATABASE_URL: db.urlSecret };
    return names.flatMap((name) => {
        const ref = refs[name];
        return ref ? [{ name, secret: ref.id, version: ref.version }] : [];
    });
}

function byName(a: { name: string }, b: { name: string }): number {
    return a.name.localeCompare(b.name);
}
