/** `bilko:postgres`: the stack's Cloud SQL for PostgreSQL instance, its database and its user. */
import { z } from "zod";
import { EDITIONS, POSTGRES_VERSION_PATTERN } from "../../components/cloudsql/rules";
import { show } from "../../common/text";
import { gcpName } from "./values";

export const postgresSchema = z.strictObject({
    instanceName: gcpName,
    version: z.string().regex(POSTGRES_VERSION_PATTERN, {
        error: (issue) => `expected "POSTGRES_<major>" such as "POSTGRES_16", got ${show(issue.input)}`,
    }),
    edition: z.enum(EDITIONS),
    tier: z.string().regex(/^db-[A-Za-z0-9-]+$/, { error: (issue) => `expected a Cloud SQL tier such as "db-custom-2-7680", got ${show(issue.input)}` }),
    highAvailability: z.boolean(),
    deletionProtection: z.boolean(),
    pointInTimeRecovery: z.boolean(),
    backupRetentionDays: z.number().int().min(1).max(365),
    databaseName: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: (issue) => `expected a PostgreSQL identifier, got ${show(issue.input)}` }),
    user: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: (issue) => `expected a PostgreSQL role name, got ${show(issue.input)}` }),
    adopt: z.boolean().default(false),
});

export type PostgresConfig = z.output<typeof postgresSchema>;
