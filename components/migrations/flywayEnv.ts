/**
 * The migrator's own database env, in Flyway's terms and independent of the env contract of the service: Flyway
 * reaches the instance through the Cloud SQL socket mounted at /cloudsql, with Cloud SQL's JDBC socket factory (the
 * PostgreSQL JDBC driver has no Unix sockets of its own). Its one credential comes from Secret Manager by reference:
 * the password bilko generated, or, for an adopted user whose password bilko never knew, the connection URL the app
 * reads, from which the migrator's entrypoint takes the password (see entrypoint.ts).
 */
import { CLOUD_SQL_MOUNT_PATH, type DatabaseBinding, type SecretEnv, type ServiceEnv } from "../workload/env";

/** Where the migrator image keeps the migrations (see the build step that makes it). */
export const MIGRATIONS_DIR = "/flyway/sql";

/** Cloud SQL's socket for PostgreSQL under the mount: `/cloudsql/<connection name>/.s.PGSQL.5432`. */
export function postgresSocket(connectionName: string): string {
    return `${CLOUD_SQL_MOUNT_PATH}/${connectionName}/.s.PGSQL.5432`;
}

/**
 * The JDBC URL of the database through the socket factory: over the mounted Unix socket for a public-IP instance; for
 * a private one, the factory dials its private IP itself (`ipTypes=PRIVATE`, IAM-authorised TLS) through the job's
 * Direct VPC egress.
 */
export function flywayUrl(database: Pick<DatabaseBinding, "connectionName" | "databaseName" | "privateAddress">): string {
    const parameters = [
        `cloudSqlInstance=${database.connectionName}`,
        "socketFactory=com.google.cloud.sql.postgres.SocketFactory",
        database.privateAddress === undefined ? `unixSocketPath=${postgresSocket(database.connectionName)}` : "ipTypes=PRIVATE",
    ];
    return `jdbc:postgresql:///${database.databaseName}?${parameters.join("&")}`;
}

/** The one secret the migrator reads: FLYWAY_PASSWORD from the generated password, else DATABASE_URL; none: undefined. */
export function flywayCredential(database: DatabaseBinding): SecretEnv | undefined {
    if (database.passwordSecret) {
        return { name: "FLYWAY_PASSWORD", secret: database.passwordSecret.id, version: database.passwordSecret.version };
    }
    return database.urlSecret ? { name: "DATABASE_URL", secret: database.urlSecret.id, version: database.urlSecret.version } : undefined;
}

/** FLYWAY_URL, FLYWAY_USER, FLYWAY_LOCATIONS, FLYWAY_CONNECT_RETRIES, and the credential by reference. */
export function flywayEnv(database: DatabaseBinding): ServiceEnv {
    const credential = flywayCredential(database);
    return {
        plain: [
            { name: "FLYWAY_CONNECT_RETRIES", value: "10" },
            { name: "FLYWAY_LOCATIONS", value: `filesystem:${MIGRATIONS_DIR}` },
            { name: "FLYWAY_URL", value: flywayUrl(database) },
            { name: "FLYWAY_USER", value: database.user },
        ],
        secret: credential ? [credential] : [],
    };
}

/** What the job runs unless an execution says otherwise (the pipeline runs validate, migrate and info in turn). */
export const DEFAULT_FLYWAY_ARGS = ["migrate"];
