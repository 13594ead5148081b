import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { accountAdminGrant, actAsGrant, cloudSqlClientGrant, secretAccessorGrant, serviceAccountId } from "../iam";
import { PROJECT_POLICY, type VpcEgress } from "../cloudrun/template";
import { pinnedDigest, type DatabaseBinding } from "../workload";
import { DEFAULT_FLYWAY_ARGS, flywayCredential, flywayEnv } from "./flywayEnv";
import { MIGRATION_JOB_TYPE, migrationAccountService, migrationJobChildren, migrationJobName } from "./names";
import { migrationJobTemplate } from "./template";

export interface MigrationJobArgs {
    project: string;
    /** Region of the Cloud Run job. */
    region: string;
    /** The Pulumi project name (`bilko`): first part of every name. */
    app: string;
    /** `stage`, `demo` or `prod`: suffix of names outside prod; `prod` turns deletion protection on. */
    environment: string;
    /** Key of the service whose image holds the migrations (e.g. `api`). */
    service: string;
    /** `<registry>/<service>-migrator@sha256:...`: the migrator image (Flyway and the migrations) at the stack's digest. */
    image: string;
    /** The service's Cloud SQL binding: the job gets the socket and Flyway's database env, and nothing else of the service. */
    database: DatabaseBinding;
    /** `serviceAccount:...` of the account that runs `pulumi up` and executes the job; it gets admin and actAs on the job's account. */
    deployer: pulumi.Input<string>;
    /** Google Cloud labels of the job. */
    labels: Record<string, string>;
    /** Resources the job needs in place (the database instance). */
    waitFor?: pulumi.Resource[];
    /** Direct VPC egress into the stack's network: required to reach a database with a private IP only. */
    vpcEgress?: VpcEgress;
    /**
     * Run only migrator images the project's Binary Authorization policy admits (attested as built by the pipeline).
     * @default false
     */
    binaryAuthorization?: boolean;
}

/**
 * A Cloud Run job that runs Flyway from the service's migrator image at this stack's digest, with the Cloud SQL socket
 * and the database credentials only. The pipeline points it at a new migrator digest and executes it (validate,
 * migrate, info, each waited for) before `pulumi up` moves the services' traffic; see docs/pipeline.md.
 */
export class MigrationJob extends pulumi.ComponentResource {
    readonly job: gcp.cloudrunv2.Job;
    readonly serviceAccount: gcp.serviceaccount.Account;
    /** Cloud Run job name (`bilko-api-migrate`, `bilko-api-migrate-stage`, ...). */
    readonly jobName: string;

    constructor(name: string, args: MigrationJobArgs, opts?: pulumi.ComponentResourceOptions) {
        super(MIGRATION_JOB_TYPE, name, {}, opts);
        const { project, region, database } = args;
        const children = migrationJobChildren(name);
        this.jobName = migrationJobName(args.app, args.environment, args.service);
        pinnedDigest(args.image);

        this.serviceAccount = new gcp.serviceaccount.Account(
            children.account,
            {
                project,
                accountId: serviceAccountId(args.app, args.environment, migrationAccountService(args.service)),
                displayName: `${this.jobName} (Cloud Run job runtime)`,
                description: `Runtime identity of migrations job ${this.jobName}: the database and nothing else; managed by bilko.`,
            },
            { parent: this },
        );
        const member = this.serviceAccount.member;
        const credential = flywayCredential(database);
        if (!credential) {
            throw new pulumi.InputPropertyError({ propertyPath: "database", reason: "Flyway needs a credential: the generated password secret, or the connection URL secret the app reads" });
        }
        const env = flywayEnv(database);
        if (database.privateAddress !== undefined && !args.vpcEgress) {
            throw new pulumi.InputPropertyError({ propertyPath: "vpcEgress", reason: "the database has a private IP only: the job reaches it through Direct VPC egress into its network" });
        }

        // Deploying a job that runs as this account needs actAs on it; granted here, not on the whole project.
        const deployerAdmin = accountAdminGrant(children.deployerAdmin, this.serviceAccount, args.deployer, this);
        const deployerActAs = actAsGrant(children.deployerActAs, this.serviceAccount, args.deployer, this);
        // The one credential the job reads: the generated password, or the connection URL that carries the live one.
        const passwordAccess = secretAccessorGrant(children.passwordAccess, project, credential.secret, member, this);
        const sqlClient = cloudSqlClientGrant(children.sqlClient, project, database.instanceName, member, this);

        this.job = new gcp.cloudrunv2.Job(
            children.job,
            {
                project,
                location: region,
                name: this.jobName,
                labels: args.labels,
                deletionProtection: args.environment === "prod",
                ...(args.binaryAuthorization ? { binaryAuthorization: PROJECT_POLICY } : {}),
                template: migrationJobTemplate({
                    image: args.image,
                    args: DEFAULT_FLYWAY_ARGS,
                    serviceAccountEmail: this.serviceAccount.email,
                    env,
                    sqlConnectionName: database.privateAddress === undefined ? database.connectionName : undefined,
                    vpcEgress: args.vpcEgress,
                    labels: args.labels,
                }),
            },
            { parent: this, dependsOn: [deployerAdmin, deployerActAs, passwordAccess, sqlClient, ...(args.waitFor ?? [])] },
        );
        this.registerOutputs({ jobName: this.jobName, serviceAccount: this.serviceAccount.email });
    }
}
