/** Cloud SQL instance settings derived from `bilko:postgres`: every safety default decided here, in one place. */
import type * as gcp from "@pulumi/gcp";
import { maxTransactionLogDays, type Edition } from "./rules";

export const POSTGRES_LOG_FLAGS = ["log_connections", "log_disconnections"];

/** The decisions of `PostgresArgs` that shape the instance's settings. */
export interface SettingsInput {
    tier: string;
    edition: Edition;
    highAvailability: boolean;
    deletionProtection: boolean;
    pointInTimeRecovery: boolean;
    backupRetentionDays: number;
}

export function instanceSettings(postgres: SettingsInput, labels: Record<string, string>): gcp.types.input.sql.DatabaseInstanceSettings {
    return {
        tier: postgres.tier,
        edition: postgres.edition,
        availabilityType: postgres.highAvailability ? "REGIONAL" : "ZONAL",
        deletionProtectionEnabled: postgres.deletionProtection,
        userLabels: labels,
        ipConfiguration: {
            // Public IP reachable only through the Cloud SQL connector (IAM + mTLS); no authorized networks at all.
            ipv4Enabled: true,
            sslMode: "ENCRYPTED_ONLY",
            authorizedNetworks: [],
        },
        backupConfiguration: {
            enabled: true,
            pointInTimeRecoveryEnabled: postgres.pointInTimeRecovery,
            transactionLogRetentionDays: Math.min(postgres.backupRetentionDays, maxTransactionLogDays(postgres.edition)),
            backupRetentionSettings: { retainedBackups: postgres.backupRetentionDays, retentionUnit: "COUNT" },
        },
        databaseFlags: POSTGRES_LOG_FLAGS.map((name) => ({ name, value: "on" })),
    };
}
