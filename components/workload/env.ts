/** The environment a service container sees: its own values, computed ones, and secrets by reference only. */
import type { Input } from "@pulumi/pulumi";

/** Names bilko sets itself; config may not set them (PORT is reserved by Cloud Run). */
export const RESERVED_ENV_NAMES = ["PORT", "CORS_ORIGINS", "DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "INSTANCE_CONNECTION_NAME"];

/** Where the Cloud SQL Auth Proxy socket is mounted in Cloud Run. */
export const CLOUD_SQL_MOUNT_PATH = "/cloudsql";

export interface DatabaseBinding {
    instanceName: string;
    connectionName: string;
    databaseName: string;
    user: string;
    passwordSecretId: Input<string>;
    passwordSecretVersion: Input<string>;
}

export interface PlainEnv {
    name: string;
    value: string;
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
}

/** Plain values and secret references, each sorted by name so the template diff stays stable. */
export function serviceEnv(input: ServiceEnvInput): ServiceEnv {
    const plain: Record<string, string> = { ...input.env };
    const secret: SecretEnv[] = Object.entries(input.secrets).map(([name, id]) => ({ name, secret: id, version: "latest" }));
    if (input.corsOrigins.length > 0) {
        plain.CORS_ORIGINS = input.corsOrigins.join(",");
    }
    if (input.database) {
        const db = input.database;
        Object.assign(plain, {
            DB_HOST: `${CLOUD_SQL_MOUNT_PATH}/${db.connectionName}`,
            DB_NAME: db.databaseName,
            DB_USER: db.user,
            INSTANCE_CONNECTION_NAME: db.connectionName,
        });
        secret.push({ name: "DB_PASSWORD", secret: db.passwordSecretId, version: db.passwordSecretVersion });
    }
    return {
        plain: Object.entries(plain)
            .map(([name, value]) => ({ name, value }))
            .sort(byName),
        secret: secret.sort(byName),
    };
}

function byName(a: { name: string }, b: { name: string }): number {
    return a.name.localeCompare(b.name);
}
