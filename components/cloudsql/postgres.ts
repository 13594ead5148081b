import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
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
    /** The application's user; its password is generated and lives only in Secret Manager. */
    user: string;
    /**
     * Import the existing instance, database and user (Pulumi's `import`) instead of creating them.
     * @default false
     */
    adopt?: boolean;
    /** Google Cloud labels of the instance and the password secret. */
    labels: Record<string, string>;
}

/**
 * Cloud SQL for PostgreSQL with the application's database and user. The user's password is generated here and
 * lives only in Secret Manager; services read it by reference.
 */
export class Postgres extends pulumi.ComponentResource {
    readonly instance: gcp.sql.DatabaseInstance;
    /** `<project>:<region>:<instance>`, known before the instance exists. */
    readonly connectionName: string;
    readonly databaseName: string;
    readonly user: string;
    readonly passwordSecretId: pulumi.Output<string>;
    /** The secret version holding the current password; pinning it rolls services when it changes. */
    readonly passwordSecretVersion: pulumi.Output<string>;

    constructor(name: string, args: PostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:Postgres", name, {}, opts);
        const { project, region, instanceName } = args;
        const adopted = (id: string): pulumi.CustomResourceOptions => (args.adopt ? { import: id } : {});

        this.instance = new gcp.sql.DatabaseInstance(
            `${name}-instance`,
            {
                project,
                region,
                name: instanceName,
                databaseVersion: args.version,
                deletionProtection: args.deletionProtection,
                settings: instanceSettings(args, args.labels),
            },
            { parent: this, protect: args.deletionProtection, ...adopted(sqlImportIds.instance(project, instanceName)) },
        );
        const database = new gcp.sql.Database(
            `${name}-database`,
            { project, instance: this.instance.name, name: args.databaseName },
            { parent: this, ...adopted(sqlImportIds.database(project, instanceName, args.databaseName)) },
        );
        const password = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this });
        // On adoption the existing user is imported and then updated to the generated password (Pulumi imports,
        // then applies the differing inputs), so the secret below is the only copy of the credential.
        new gcp.sql.User(
            `${name}-user`,
            { project, instance: this.instance.name, name: args.user, password: password.result },
            { parent: this, dependsOn: [database], ...adopted(sqlImportIds.user(project, instanceName, args.user)) },
        );
        const secret = new gcp.secretmanager.Secret(
            `${name}-password-secret`,
            {
                project,
                secretId: databasePasswordSecretId(instanceName, args.user),
                replication: { auto: {} },
                labels: args.labels,
            },
            { parent: this },
        );
        const secretVersion = new gcp.secretmanager.SecretVersion(
            `${name}-password-version`,
            { secret: secret.id, secretData: password.result },
            { parent: this },
        );

        this.connectionName = sqlConnectionName(project, region, instanceName);
        this.databaseName = args.databaseName;
        this.user = args.user;
        this.passwordSecretId = secret.secretId;
        this.passwordSecretVersion = secretVersion.version;
        this.registerOutputs({
            instance: this.instance.name,
            connectionName: this.connectionName,
            passwordSecretId: this.passwordSecretId,
        });
    }
}
