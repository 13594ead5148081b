/** The baseline every Cloud SQL policy test starts from, and how tests break one property of it. */
import { mutated, type Props } from "../support";

export const INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";

/** A prod instance as the program declares it: passes every Cloud SQL policy. */
export function instance(): Props {
    return {
        project: "bilko-project",
        region: "europe-north1",
        name: "bilko-db",
        databaseVersion: "POSTGRES_16",
        deletionProtection: true,
        settings: {
            tier: "db-custom-2-7680",
            edition: "ENTERPRISE",
            availabilityType: "REGIONAL",
            deletionProtectionEnabled: true,
            userLabels: { app: "bilko", environment: "prod", "cost-approved-by": "alem_at_alai-no", "cost-approved-on": "2026-05-12", "cost-approved-usd-month": "120" },
            ipConfiguration: {
                ipv4Enabled: false,
                privateNetwork: "projects/bilko-project/global/networks/bilko-prod",
                sslMode: "ENCRYPTED_ONLY",
                authorizedNetworks: [{ name: "office", value: "198.51.100.0/24" }],
            },
            backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 7 },
            databaseFlags: [
                { name: "log_connections", value: "on" },
                { name: "log_disconnections", value: "on" },
                { name: "log_statement", value: "ddl" },
                { name: "log_min_duration_statement", value: "-1" },
                { name: "cloudsql.enable_pgaudit", value: "on" },
                { name: "pgaudit.log", value: "ddl,role" },
            ],
            passwordValidationPolicy: { enablePasswordPolicy: true, minLength: 16, complexity: "COMPLEXITY_DEFAULT" },
        },
    };
}

export const withSettings = (edit: (settings: Props) => void) => mutated(instance, (props) => edit(props.settings));
export const inStage = (edit: (settings: Props) => void) =>
    withSettings((settings) => {
        settings.userLabels.environment = "stage";
        edit(settings);
    });
