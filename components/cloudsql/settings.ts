/** Cloud SQL instance settings derived from `bilko:postgres`: every safety default decided here, in one place. */
import type * as gcp from "@pulumi/gcp";
import { maxTransactionLogDays } from "./rules";
import type { PostgresConfig } from "../../config";

export const POSTGRES_LOG_FLAGS = ["log_connections", "log_disconnections"];

export function instanceSettings(postgres: PostgresConfig, labels: Record<string, string>): gcp.types.input.sql.DatabaseInstanceSettings {
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
