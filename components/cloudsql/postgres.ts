import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { databasePasswordSecretId, importIds, sqlConnectionName } from "../workload/names";
import { instanceSettings } from "./settings";
import type { PostgresConfig } from "../../config";

export interface PostgresArgs {
    project: string;
    region: string;
    /** `bilko:postgres` of the stack. */
    config: PostgresConfig;
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
        const { config, project, region } = args;
        const adopted = (id: string): pulumi.CustomResourceOptions => (config.adopt ? { import: id } : {});

        this.instance = new gcp.sql.DatabaseInstance(
            `${name}-instance`,
            {
                project,
                region,
                name: config.instanceName,
                databaseVersion: config.version,
                deletionProtection: config.deletionProtection,
                settings: instanceSettings(config, args.labels),
            },
            { parent: this, protect: config.deletionProtection, ...adopted(importIds.sqlInstance(project, config.instanceName)) },
        );
        const database = new gcp.sql.Database(
            `${name}-database`,
            { project, instance: this.instance.name, name: config.databaseName },
            { parent: this, ...adopted(importIds.sqlDatabase(project, config.instanceName, config.databaseName)) },
        );
        const password = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this });
        // On adoption the existing user is imported and then updated to the generated password (Pulumi imports,
        // then applies the differing inputs), so the secret below is the only copy of the credential.
        new gcp.sql.User(
            `${name}-user`,
            { project, instance: this.instance.name, name: config.user, password: password.result },
            { parent: this, dependsOn: [database], ...adopted(importIds.sqlUser(project, config.instanceName, config.user)) },
        );
        const secret = new gcp.secretmanager.Secret(
            `${name}-password-secret`,
            {
                project,
                secretId: databasePasswordSecretId(config.instanceName, config.user),
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

        this.connectionName = sqlConnectionName(project, region, config.instanceName);
        this.databaseName = config.databaseName;
        this.user = config.user;
        this.passwordSecretId = secret.secretId;
        this.passwordSecretVersion = secretVersion.version;
        this.registerOutputs({
            instance: this.instance.name,
            connectionName: this.connectionName,
            passwordSecretId: this.passwordSecretId,
        });
    }
}
