import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { adoptedSecret } from "../secrets/adoptedSecret";
import type { SecretRef } from "../workload/env";
import { approvalLabels, type CostApproval } from "./approval";
import { renderConnectionUrl } from "./connectionUrl";
import { databasePasswordSecretId, sqlConnectionName, sqlImportIds } from "./names";
import type { Edition } from "./rules";
import { instanceSettings } from "./settings";

export interface PostgresArgs {
    project: string;
    /** Region of the instance; also part of its connection name. */
    region: string;
    /** Cloud SQL instance name, unique in the project. */
    instanceName: string;
    /** `databaseVersion`, e.g. `POSTGRES_16`: the same in every stack. */
    version: string;
    /** `ENTERPRISE_PLUS` runs exactly the `db-perf-optimized-N-*` tiers; `ENTERPRISE` every other tier. */
    edition: Edition;
    /** Machine tier, e.g. `db-custom-2-7680`. */
    tier: string;
    /** `true`: REGIONAL, with a standby in a second zone; `false`: ZONAL. */
    highAvailability: boolean;
    /** Cloud SQL's own deletion flag, the provider's `deletionProtection` and Pulumi's `protect`, all three. */
    deletionProtection: boolean;
    /** Write-ahead log retention for point-in-time recovery (capped at the edition's maximum). */
    pointInTimeRecovery: boolean;
    /** Daily backups kept. */
    backupRetentionDays: number;
    /** The application's database. */
    databaseName: string;
    /** The application's user. */
    user: string;
    /**
     * Import the existing instance, database and user (Pulumi's `import`) instead of creating them. The adopted
     * database and user are protected and abandoned rather than deleted (`deletionPolicy: ABANDON`).
     * @default false
     */
    adopt?: boolean;
    /**
     * `generate`: a random password, kept only in Secret Manager, is set on the user. `keep` (adopted users only):
     * the user's live password is never changed, so the services keep the credential they read today.
     * @default "generate"
     */
    password?: "generate" | "keep";
    /**
     * The secret apps read as `DATABASE_URL`. With `template` bilko writes it from the generated password; without,
     * the live secret (imported with the database) is only read.
     */
    connectionUrl?: { secret: string; template?: string };
    /** Who accepted the instance's monthly cost: labels on the instance, which the policy pack requires in prod. */
    approval?: CostApproval;
    /**
     * A public IP (SSL only, no authorized networks), kept by an adopted instance until its cutover. Without one the
     * instance has a private IP only, in `privateNetwork`.
     * @default false
     */
    publicIp?: boolean;
    /** `projects/<p>/global/networks/<n>`, peered through Private Service Access: required without a public IP. */
    privateNetwork?: pulumi.Input<string>;
    /**
     * pgAudit on (`cloudsql.enable_pgaudit`, which restarts the instance when it changes, and `pgaudit.log`).
     * @default true
     */
    pgaudit?: boolean;
    /** Resources the instance needs first (the Private Service Access connection of its network). */
    waitFor?: pulumi.Resource[];
    /** Google Cloud labels of the instance and the secrets. */
    labels: Record<string, string>;
}

/**
 * Cloud SQL for PostgreSQL with the application's database and user, and the secrets apps connect with: the
 * generated password, and optionally a connection URL. Services read both by reference.
 */
export class Postgres extends pulumi.ComponentResource {
    readonly instance: gcp.sql.DatabaseInstance;
    /** `<project>:<region>:<instance>`, known before the instance exists. */
    readonly connectionName: string;
    readonly databaseName: string;
    readonly user: string;
    /** The generated password and the version holding it (pinning it rolls services when it changes); absent with `password: keep`. */
    readonly passwordSecret?: SecretRef;
    /** The connection URL secret and the version services read. */
    readonly connectionUrlSecret?: SecretRef;
    /** The private IP apps connect to over TCP, for an instance without a public IP. */
    readonly privateIp?: pulumi.Output<string>;

    constructor(name: string, args: PostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:Postgres", name, {}, opts);
        const { project, region, instanceName } = args;
        const generate = checkedPasswordMode(args) === "generate";
        const publicIp = args.publicIp ?? false;
        if (!publicIp && args.privateNetwork === undefined) {
            throw new pulumi.InputPropertyError({ propertyPath: "privateNetwork", reason: "an instance without a public IP needs the VPC its private IP is in" });
        }
        // Adopted, the database and user hold live data and roles: never deleted by an update, only let go.
        const adopted = (id: string): pulumi.CustomResourceOptions => (args.adopt ? { import: id, protect: true } : {});
        const deletionPolicy = args.adopt ? { deletionPolicy: "ABANDON" } : {};

        this.instance = new gcp.sql.DatabaseInstance(
            `${name}-instance`,
            {
                project,
                region,
                name: instanceName,
                databaseVersion: args.version,
                deletionProtection: args.deletionProtection,
                settings: instanceSettings(
                    { ...args, publicIp, pgaudit: args.pgaudit ?? true },
                    { ...args.labels, ...(args.approval ? approvalLabels(args.approval) : {}) },
                ),
            },
            {
                parent: this,
                protect: args.deletionProtection,
                dependsOn: args.waitFor,
                ...(args.adopt ? { import: sqlImportIds.instance(project, instanceName) } : {}),
            },
        );
        this.privateIp = publicIp ? undefined : this.instance.privateIpAddress;
        const database = new gcp.sql.Database(
            `${name}-database`,
            { project, instance: this.instance.name, name: args.databaseName, ...deletionPolicy },
            { parent: this, ...adopted(sqlImportIds.database(project, instanceName, args.databaseName)) },
        );
        const password = generate ? new random.RandomPassword(`${name}-password`, GENERATED_PASSWORD, { parent: this }) : undefined;
        // With `keep`, the user has no password input: importing it changes nothing, and no update ever sets one.
        new gcp.sql.User(
            `${name}-user`,
            { project, instance: this.instance.name, name: args.user, ...(password ? { password: password.result } : {}), ...deletionPolicy },
            { parent: this, dependsOn: [database], ...adopted(sqlImportIds.user(project, instanceName, args.user)) },
        );
        if (password) {
            const secret = new gcp.secretmanager.Secret(
                `${name}-password-secret`,
                { project, secretId: databasePasswordSecretId(instanceName, args.user), replication: { auto: {} }, labels: args.labels },
                { parent: this },
            );
            const version = new gcp.secretmanager.SecretVersion(`${name}-password-version`, { secret: secret.id, secretData: password.result }, { parent: this });
            this.passwordSecret = { id: secret.secretId, version: version.version };
        }
        if (args.connectionUrl) {
            const { secret: secretId, template } = args.connectionUrl;
            const secret = args.adopt
                ? adoptedSecret(`${name}-url-secret`, { project, secretId, labels: args.labels }, this)
                : new gcp.secretmanager.Secret(`${name}-url-secret`, { project, secretId, replication: { auto: {} }, labels: args.labels }, { parent: this });
            if (template && password) {
                const url = pulumi.all([password.result, this.privateIp]).apply(([value, privateIp]) =>
                    renderConnectionUrl(template, {
                        user: args.user,
                        password: value,
                        database: args.databaseName,
                        connectionName: sqlConnectionName(project, region, instanceName),
                        privateIp,
                    }),
                );
                const version = new gcp.secretmanager.SecretVersion(`${name}-url-version`, { secret: secret.id, secretData: url }, { parent: this });
                this.connectionUrlSecret = { id: secret.secretId, version: version.version };
            } else {
                this.connectionUrlSecret = { id: secret.secretId, version: "latest" };
            }
        }

        this.connectionName = sqlConnectionName(project, region, instanceName);
        this.databaseName = args.databaseName;
        this.user = args.user;
        this.registerOutputs({
            instance: this.instance.name,
            connectionName: this.connectionName,
            passwordSecretId: this.passwordSecret?.id,
            connectionUrlSecretId: this.connectionUrlSecret?.id,
        });
    }
}

/**
 * The generated password meets the instance's password policy (upper and lower case, digits, a symbol) with symbols
 * from URL-unreserved characters only, so it sits in a connection URL's `user:password@` part as it is.
 */
const GENERATED_PASSWORD = { length: 32, special: true, overrideSpecial: "-._~", minUpper: 2, minLower: 2, minNumeric: 2, minSpecial: 2 };

/** The password mode, refusing combinations that would leave services with a credential that does not work. */
function checkedPasswordMode(args: PostgresArgs): "generate" | "keep" {
    const mode = args.password ?? "generate";
    if (mode === "keep" && !args.adopt) {
        throw new pulumi.InputPropertyError({ propertyPath: "password", reason: `"keep" applies to an adopted user; a user bilko creates gets a generated password` });
    }
    const template = args.connectionUrl?.template;
    if (args.connectionUrl && (mode === "generate") !== (template !== undefined)) {
        const reason =
            mode === "keep"
                ? "bilko writes the connection URL only from a password it generates; with password: keep the live secret is read as it is"
                : "with a generated password the connection URL must carry it: give the template bilko writes the secret from";
        throw new pulumi.InputPropertyError({ propertyPath: "connectionUrl.template", reason });
    }
    return mode;
}
