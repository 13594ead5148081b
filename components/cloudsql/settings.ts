/** Cloud SQL instance settings derived from `bilko:postgres`: every safety default decided here, in one place. */
import type * as gcp from "@pulumi/gcp";
import type { Input } from "@pulumi/pulumi";
import { maxTransactionLogDays, type Edition } from "./rules";

/**
 * Flags of every instance, none of which restarts it: every connection and disconnection, every DDL statement, and
 * no statement text logged by duration (it would carry data into the logs; CIS GCP 6.2 asks for -1).
 */
export const POSTGRES_LOG_FLAGS: Readonly<Record<string, string>> = {
    log_connections: "on",
    log_disconnections: "on",
    log_statement: "ddl",
    log_min_duration_statement: "-1",
};

/**
 * pgAudit: `cloudsql.enable_pgaudit` loads the extension (changing it restarts the instance); `pgaudit.log` says what
 * it logs: schema changes and role or privilege changes. Not `read`/`write`: every query of the app would be logged,
 * statement text and all, into Cloud Logging (the extension itself is created in the database once; docs/cutover.md).
 */
export const PGAUDIT_FLAGS: Readonly<Record<string, string>> = {
    "cloudsql.enable_pgaudit": "on",
    "pgaudit.log": "ddl,role",
};

/** Flags whose change restarts the instance (Cloud SQL's flag reference). */
export const RESTART_FLAGS: readonly string[] = ["cloudsql.enable_pgaudit"];

/**
 * Passwords set on the instance's users from now on: at least 16 characters of upper case, lower case, digits and
 * symbols, not containing the user's name, none of the last 5 again. Live passwords are not checked until changed.
 */
export const PASSWORD_POLICY = {
    enablePasswordPolicy: true,
    minLength: 16,
    complexity: "COMPLEXITY_DEFAULT",
    reuseInterval: 5,
    disallowUsernameSubstring: true,
} as const;

/** The decisions of `PostgresArgs` that shape the instance's settings. */
export interface SettingsInput {
    tier: string;
    edition: Edition;
    highAvailability: boolean;
    deletionProtection: boolean;
    pointInTimeRecovery: boolean;
    backupRetentionDays: number;
    /** pgAudit on (`PGAUDIT_FLAGS`). */
    pgaudit: boolean;
    /** A public IP (SSL only, no authorized networks); without one the instance has a private IP in `privateNetwork`. */
    publicIp: boolean;
    /** `projects/<p>/global/networks/<n>`: the VPC peered through Private Service Access. */
    privateNetwork?: Input<string>;
}

export function databaseFlags(pgaudit: boolean): Array<{ name: string; value: string }> {
    return Object.entries({ ...POSTGRES_LOG_FLAGS, ...(pgaudit ? PGAUDIT_FLAGS : {}) }).map(([name, value]) => ({ name, value }));
}

export function instanceSettings(postgres: SettingsInput, labels: Record<string, string>): gcp.types.input.sql.DatabaseInstanceSettings {
    return {
        tier: postgres.tier,
        edition: postgres.edition,
        availabilityType: postgres.highAvailability ? "REGIONAL" : "ZONAL",
        deletionProtectionEnabled: postgres.deletionProtection,
        userLabels: labels,
        ipConfiguration: {
            // Public: reachable only through the Cloud SQL connector (IAM + mTLS), no authorized networks at all.
            // Private: an address in the VPC only, reached over TLS (ENCRYPTED_ONLY) from its Direct VPC egress.
            ipv4Enabled: postgres.publicIp,
            ...(postgres.publicIp ? {} : { privateNetwork: postgres.privateNetwork }),
            sslMode: "ENCRYPTED_ONLY",
            authorizedNetworks: [],
        },
        backupConfiguration: {
            enabled: true,
            pointInTimeRecoveryEnabled: postgres.pointInTimeRecovery,
            transactionLogRetentionDays: Math.min(postgres.backupRetentionDays, maxTransactionLogDays(postgres.edition)),
            backupRetentionSettings: { retainedBackups: postgres.backupRetentionDays, retentionUnit: "COUNT" },
        },
        databaseFlags: databaseFlags(postgres.pgaudit),
        passwordValidationPolicy: { ...PASSWORD_POLICY },
    };
}
