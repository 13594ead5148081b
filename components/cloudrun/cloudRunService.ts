import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { CANARY_TAGS, nextRollout, trafficTargets } from "./canary";
import { ingressTraffic, type CloudRunIngress } from "./ingress";
import { liveService, readLiveService } from "./liveService";
import { reportedRollout, type RolloutOutputs } from "./rolloutOutput";
import { PROJECT_POLICY, serviceTemplate, type VpcEgress } from "./template";
import { accountAdminGrant, actAsGrant, cloudSqlClientGrant, secretAccessorGrant, serviceAccountId } from "../iam";
import { pinnedDigest, servedDatabaseEnv, serviceEnv, workloadName, type ServiceWorkloadArgs } from "../workload";
import { CLOUD_RUN_SERVICE_TYPE, cloudRunServiceImportId } from "./names";
import { revisionName, revisionNamingProblem, templateHash } from "./revisions";

export interface CloudRunServiceArgs extends ServiceWorkloadArgs {
    region: string;
    /** `true`: `allUsers` may invoke the service (it must then be labelled `public=true`). */
    public: boolean;
    /** Instances kept warm. */
    minInstances: number;
    /** Upper bound of autoscaling. */
    maxInstances: number;
    /**
     * Who may reach the service: `internal-and-load-balancer` closes `run.app` for a service behind the load balancer.
     * @default "all"
     */
    ingress?: CloudRunIngress;
    /**
     * Import the live Cloud Run service of this name (Pulumi's `import`) instead of creating it.
     * @default false
     */
    adopt?: boolean;
    rollout: CanaryArgs;
    /**
     * `serviceAccount:...` of the pipeline account that runs `pulumi up` here: it gets admin and actAs on this
     * service's account alone (never project-wide), before the service is deployed to run as it.
     */
    deployer: pulumi.Input<string>;
    /** Direct VPC egress into the stack's network: how the service reaches a database with a private IP only. */
    vpcEgress?: VpcEgress;
    /**
     * Deploy only images the project's Binary Authorization policy admits (attested as built by the pipeline).
     * @default false
     */
    binaryAuthorization?: boolean;
}

export interface CanaryArgs {
    /** Share of traffic the revision of this deployment asks for (see `requestedCandidatePercent`). */
    requestedPercent: number;
}

/**
 * A Cloud Run v2 service running one pinned image under its own service account, which holds only what this
 * service needs: read access to its own secrets and, for database services, Cloud SQL client on one instance.
 */
export class CloudRunService extends pulumi.ComponentResource {
    readonly service: gcp.cloudrunv2.Service;
    readonly serviceAccount: gcp.serviceaccount.Account;
    /** Cloud Run service name (`bilko-api`, `bilko-api-stage`, ...). */
    readonly serviceName: string;
    /** `https://<hostname>`. */
    readonly url: string;
    /**
     * Candidate and stable revision, traffic and test URLs as Cloud Run reports them after this deployment (so a
     * partial update that left the service alone reports what still serves); resolves only once it succeeded.
     */
    readonly rollout: pulumi.Output<RolloutOutputs>;

    constructor(name: string, args: CloudRunServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super(CLOUD_RUN_SERVICE_TYPE, name, {}, opts);
        const { project, region } = args;
        this.serviceName = workloadName(args.app, args.environment, args.service);
        this.url = `https://${args.hostname}`;
        const digest = pinnedDigest(args.image);
        const namingProblem = revisionNamingProblem(this.serviceName, Object.values(CANARY_TAGS));
        if (namingProblem) {
            throw new pulumi.InputPropertyError({ propertyPath: "service", reason: namingProblem });
        }

        this.serviceAccount = new gcp.serviceaccount.Account(
            `${name}-sa`,
            {
                project,
                accountId: serviceAccountId(args.app, args.environment, args.service),
                displayName: `${this.serviceName} (Cloud Run runtime)`,
                description: `Runtime identity of Cloud Run service ${this.serviceName}; managed by bilko.`,
            },
            { parent: this },
        );
        const member = this.serviceAccount.member;
        if (args.database?.privateAddress !== undefined && !args.vpcEgress) {
            throw new pulumi.InputPropertyError({ propertyPath: "vpcEgress", reason: "the database has a private IP only: the service reaches it through Direct VPC egress into its network" });
        }
        const databaseEnv = servedDatabaseEnv(args.database, args.databaseEnv);
        const env = serviceEnv({ env: args.env ?? {}, secrets: args.secrets ?? {}, corsOrigins: args.corsOrigins, database: args.database, databaseEnv });

        const secretGrants = env.secret.map((entry) =>
            secretAccessorGrant(`${name}-secret-${entry.name.toLowerCase().replace(/_/g, "-")}`, project, entry.secret, member, this),
        );
        const sqlGrants = args.database ? [cloudSqlClientGrant(`${name}-sql-client`, project, args.database.instanceName, member, this)] : [];
        const deployerAdmin = accountAdminGrant(`${name}-deployer-admin`, this.serviceAccount, args.deployer, this);
        const deployerActAs = actAsGrant(`${name}-deployer`, this.serviceAccount, args.deployer, this);
        const template = serviceTemplate({
            image: args.image,
            port: args.port,
            healthPath: args.healthPath,
            minInstances: args.minInstances,
            maxInstances: args.maxInstances,
            resources: args.resources,
            serviceAccountEmail: this.serviceAccount.email,
            env,
            labels: args.labels,
            sqlConnectionName: args.database?.privateAddress === undefined ? args.database?.connectionName : undefined,
            vpcEgress: args.vpcEgress,
        });
        const revision = pulumi.output(template).apply((resolved) => revisionName(this.serviceName, digest, templateHash(resolved)));
        // What serves now decides the fallback: never a previous output, which may name a revision never created.
        const live = pulumi.output(readLiveService({ project, location: region, name: this.serviceName }, { parent: this }));
        const rollout = pulumi
            .all([revision, live])
            .apply(([candidate, serving]) => nextRollout({ candidate, requestedPercent: args.rollout.requestedPercent, live: serving }));

        this.service = new gcp.cloudrunv2.Service(
            `${name}-service`,
            {
                project,
                location: region,
                name: this.serviceName,
                description: `${args.service} (${args.environment}); image pinned by digest, managed by bilko.`,
                ingress: ingressTraffic(args.ingress ?? "all"),
                deletionProtection: args.environment === "prod",
                ...(args.binaryAuthorization ? { binaryAuthorization: PROJECT_POLICY } : {}),
                labels: args.labels,
                template: { ...template, revision },
                traffics: rollout.apply((state) =>
                    trafficTargets(state).map((target) => ({ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", ...target })),
                ),
            },
            {
                parent: this,
                dependsOn: [...secretGrants, ...sqlGrants, deployerAdmin, deployerActAs, ...(args.waitFor ?? [])],
                ...(args.adopt ? { import: cloudRunServiceImportId(project, region, this.serviceName) } : {}),
            },
        );

        if (args.public) {
            new gcp.cloudrunv2.ServiceIamMember(
                `${name}-public-invoker`,
                { project, location: region, name: this.service.name, role: "roles/run.invoker", member: "allUsers" },
                { parent: this },
            );
        }
        this.rollout = pulumi
            .all([this.service.id, this.service.trafficStatuses, this.service.latestReadyRevision])
            .apply(([, statuses, latest]) => reportedRollout(liveService(statuses, latest)));
        this.registerOutputs({ serviceName: this.serviceName, url: this.url, serviceAccount: this.serviceAccount.email, rollout: this.rollout });
    }
}
