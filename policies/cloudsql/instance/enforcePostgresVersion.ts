import { POSTGRES_VERSION_PATTERN } from "../../../components/cloudsql/rules";
import { resourcePolicy } from "../../support/policy";
import { SQL_INSTANCE, DEFAULT_POSTGRES_VERSION, subject, PostgresVersionConfig } from "../support";

export const enforcePostgresVersion = resourcePolicy({
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
