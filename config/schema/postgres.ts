/** `bilko:postgres`: the stack's Cloud SQL for PostgreSQL instance, its database and its user. */
import { z } from "zod";
import { CONNECTION_URL_PLACEHOLDERS, EDITIONS, POSTGRES_VERSION_PATTERN } from "../../components/cloudsql/rules";
import { show } from "../../common/text";
import { adoptResource } from "./adoption";
import { gcpName, nonEmpty, secretId } from "./values";

const PASSWORD_MODES = ["generate", "keep"] as const;

const template = z.string().superRefine((text, ctx) => {
    const unknown = [...text.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]).find((name) => !(CONNECTION_URL_PLACEHOLDERS as readonly string[]).includes(name));
    if (unknown !== undefined) {
        ctx.addIssue({ code: "custom", message: `unknown placeholder {${unknown}} (placeholders: ${CONNECTION_URL_PLACEHOLDERS.map((name) => `{${name}}`).join(", ")})` });
    } else if (!text.includes("{password}")) {
        ctx.addIssue({ code: "custom", message: "a connection URL bilko writes carries the generated password: include {password}" });
    }
});

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
    /** Import the live instance, database and user (`true`, or `{ acknowledge: [...] }`). */
    adopt: adoptResource("postgres"),
    /** `generate`: bilko sets a random password; `keep`: the live user's password is never touched. Default: keep when adopted. */
    password: z.enum(PASSWORD_MODES).optional(),
    /** The Secret Manager secret the apps read as `DATABASE_URL`; with a template, bilko writes it from the generated password. */
    connectionUrl: z.strictObject({ secret: secretId, template: template.optional() }).optional(),
    /**
     * `false` (the default): a private IP only, over Private Service Access in bilko:network. `true` keeps a public IP
     * (SSL only, no authorized networks): only an adopted instance, until its own cutover; never in prod.
     */
    publicIp: z.boolean().default(false),
    /** pgAudit (`cloudsql.enable_pgaudit`, which restarts the instance when it changes) with `pgaudit.log`; default on. */
    pgaudit: z.boolean().default(true),
    /** Who accepted the instance's monthly cost, and when (OCD-5): required in prod, shown as labels on the instance. */
    approval: z
        .strictObject({
            by: nonEmpty,
            at: z.iso.datetime({ error: (issue) => `expected a UTC ISO time such as "2026-05-12T09:00:00Z", got ${show(issue.input)}` }),
            monthlyCostUsd: z.number().positive(),
            reference: nonEmpty.optional(),
        })
        .optional(),
});

export type PostgresConfig = z.output<typeof postgresSchema>;
export type PasswordMode = (typeof PASSWORD_MODES)[number];

/** An adopted user keeps the password it has unless the stack asks for rotation; a new user gets a generated one. */
export function passwordMode(postgres: Pick<PostgresConfig, "adopt" | "password">): PasswordMode {
    return postgres.password ?? (postgres.adopt ? "keep" : "generate");
}
