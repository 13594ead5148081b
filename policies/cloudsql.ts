/** Cloud SQL for PostgreSQL instances: version, encryption, exposure, edition, and what prod must survive. */
import { editionForTier, editionMatchesTier, POSTGRES_VERSION_PATTERN } from "../components/cloudsql/rules";
import { inProd } from "./support/labels";
import { known, knownItems, resourcePolicy, UNKNOWN, type Props } from "./support/policy";

export const SQL_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";

/** The PostgreSQL major every stack runs unless the pack config says otherwise. */
export const DEFAULT_POSTGRES_VERSION = "POSTGRES_16";

const REQUIRED_SSL_MODES = ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"];
const CONNECTION_LOG_FLAGS = ["log_connections", "log_disconnections"];

const subject = (name: string) => `Cloud SQL instance "${name}"`;
const prodSubject = (name: string) => `${subject(name)} is labelled environment=prod but`;

export interface PostgresVersionConfig {
    requiredPostgresVersion: string;
}

export const postgresVersion = resourcePolicy({
    name: "cloudsql-instance-enforce-postgres-version",
    description: "Cloud SQL instances run the PostgreSQL major version the pack requires (requiredPostgresVersion).",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    configSchema: {
        properties: {
            requiredPostgresVersion: {
                type: "string",
                pattern: POSTGRES_VERSION_PATTERN.source,
                default: DEFAULT_POSTGRES_VERSION,
                description: "databaseVersion every Cloud SQL instance must run, e.g. POSTGRES_16.",
            },
        },
    },
    check: (props, args, report) => {
        const required = args.getConfig<Partial<PostgresVersionConfig>>().requiredPostgresVersion ?? DEFAULT_POSTGRES_VERSION;
        if (props.databaseVersion !== required) {
            report(
                `${subject(args.name)} runs ${props.databaseVersion} but the pack requires ${required} (requiredPostgresVersion); ` +
                    `set databaseVersion to ${required}, or change requiredPostgresVersion in the policy pack config.`,
            );
        }
    },
});

export const sslRequired = resourcePolicy({
    name: "cloudsql-instance-enforce-ssl",
    description: "Cloud SQL instances refuse unencrypted connections.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const mode = props.settings?.ipConfiguration?.sslMode;
        if (!REQUIRED_SSL_MODES.includes(mode)) {
            const current = mode === undefined ? "sslMode unset" : `sslMode ${mode}`;
            report(`${subject(args.name)} accepts unencrypted connections (${current}); set settings.ipConfiguration.sslMode to ${REQUIRED_SSL_MODES.join(" or ")}.`);
        }
    },
});

export const noOpenNetwork = resourcePolicy({
    name: "cloudsql-instance-disallow-public-authorized-network",
    description: "Cloud SQL instances authorize no network ending in /0, which would admit the whole internet.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        for (const network of knownItems(props.settings?.ipConfiguration?.authorizedNetworks)) {
            const value = network === UNKNOWN ? UNKNOWN : known(() => network.value as string);
            if (typeof value === "string" && value.trim().endsWith("/0")) {
                report(`${subject(args.name)} authorizes network ${value}, which admits every address; remove it and connect through the Cloud SQL connector or a narrow CIDR.`);
            }
        }
    },
});

export const prodDeletionProtection = resourcePolicy({
    name: "cloudsql-instance-enable-deletion-protection",
    description: "Cloud SQL instances labelled environment=prod keep both deletion guards on: Pulumi's deletionProtection and Google's settings.deletionProtectionEnabled.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        if (!inProd(args.type, props)) {
            return;
        }
        const off = [
            // Unset deletionProtection means on (the provider's default); Google's flag defaults to off.
            props.deletionProtection === false && "deletionProtection is false",
            props.settings?.deletionProtectionEnabled !== true && "settings.deletionProtectionEnabled is not true",
        ].filter(Boolean);
        if (off.length > 0) {
            report(`${prodSubject(args.name)} ${off.join(" and ")}; set deletionProtection and settings.deletionProtectionEnabled to true.`);
        }
    },
});

export const prodPointInTimeRecovery = resourcePolicy({
    name: "cloudsql-instance-enable-point-in-time-recovery",
    description: "Cloud SQL instances labelled environment=prod take backups with point-in-time recovery.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const backups: Props = props.settings?.backupConfiguration ?? {};
        if (inProd(args.type, props) && (backups.enabled !== true || backups.pointInTimeRecoveryEnabled !== true)) {
            const off = backups.enabled !== true ? "backups are off" : "point-in-time recovery is off";
            report(`${prodSubject(args.name)} ${off}; set settings.backupConfiguration.enabled and pointInTimeRecoveryEnabled to true.`);
        }
    },
});

export const prodRegionalAvailability = resourcePolicy({
    name: "cloudsql-instance-configure-regional-availability",
    description: "Cloud SQL instances labelled environment=prod are REGIONAL, with a standby in a second zone.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const availability = props.settings?.availabilityType;
        if (inProd(args.type, props) && availability !== "REGIONAL") {
            const current = availability === undefined ? "ZONAL (availabilityType unset)" : availability;
            report(`${prodSubject(args.name)} runs ${current}; set settings.availabilityType to REGIONAL for a standby in a second zone.`);
        }
    },
});

export const editionMatchesTierFamily = resourcePolicy({
    name: "cloudsql-instance-enforce-edition-tier",
    description: "A Cloud SQL instance's edition matches its tier family: ENTERPRISE_PLUS exactly on db-perf-optimized-N-* tiers.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const tier = props.settings?.tier;
        if (typeof tier !== "string") {
            return;
        }
        const edition = props.settings?.edition ?? defaultEdition(props.databaseVersion);
        if (!editionMatchesTier(edition, tier)) {
            const current = props.settings?.edition === undefined ? `leaves settings.edition unset, so Cloud SQL picks ${edition} for ${props.databaseVersion},` : `runs edition ${edition}`;
            report(
                `${subject(args.name)} ${current} on tier "${tier}", which that edition cannot run; ` +
                    `set settings.edition to ${editionForTier(tier)} or choose a tier of the ${edition} family.`,
            );
        }
    },
});

export const connectionLogging = resourcePolicy({
    name: "cloudsql-instance-enable-connection-logging",
    description: "Cloud SQL instances log connections and disconnections (database flags log_connections and log_disconnections on).",
    enforcementLevel: "advisory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const flags = knownItems(props.settings?.databaseFlags);
        if (flags.includes(UNKNOWN)) {
            return;
        }
        for (const flag of CONNECTION_LOG_FLAGS) {
            if (!(flags as Props[]).some((set) => set.name === flag && set.value === "on")) {
                report(`${subject(args.name)} does not set database flag ${flag}=on; add it to settings.databaseFlags so every connection leaves a log line.`);
            }
        }
    },
});

/** Cloud SQL's choice when `edition` is unset: ENTERPRISE_PLUS from POSTGRES_16 on, ENTERPRISE for everything else. */
function defaultEdition(databaseVersion: unknown): string {
    const major = /^POSTGRES_(\d+)$/.exec(String(databaseVersion))?.[1];
    return major !== undefined && Number(major) >= 16 ? "ENTERPRISE_PLUS" : "ENTERPRISE";
}

/** Every Cloud SQL policy, in the order the pack reports them. */
export const cloudSqlPolicies = [
    postgresVersion,
    sslRequired,
    noOpenNetwork,
    prodDeletionProtection,
    prodPointInTimeRecovery,
    prodRegionalAvailability,
    editionMatchesTierFamily,
    connectionLogging,
];
