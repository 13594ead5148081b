import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { actAsGrant } from "../iam";
import { registryUrl } from "../registry/images";
import { buildersThroughCache, throughDockerHubCache } from "./builderImages";
import { IDENTITY_PURPOSE, pipelineAccountId, pipelineGrants, type PipelineIdentity } from "./identities";
import { declareRoleGrant, roleGrantName, type GrantTargets } from "./roleGrant";
import { imagesToBuild, type BuildSource, type MigratorBase } from "./steps/imageSteps";
import type { Builders } from "./steps/step";
import { triggerArgs, type TriggerSource } from "./triggerArgs";
import { MAIN_BRANCH_NAME, pipelineTriggers, type TriggerSpec } from "./triggers";

/** The body of `triggers.run`: the trigger's own source at the main branch. */
export function driftRunRequest(project: string, triggerId: string): Record<string, unknown> {
    return { projectId: project, triggerId, source: { branchName: MAIN_BRANCH_NAME } };
}

/** The shared stack's own accounts: the build trigger's and the preview trigger's. */
type SharedIdentity = Exclude<PipelineIdentity, "deploy">;
const SHARED_IDENTITIES: readonly SharedIdentity[] = ["build", "preview"];

export interface DeliveryPipelineArgs {
    project: string;
    /** Region of the triggers (`gcp:region`); a 2nd-gen repository connection must be in it too. */
    region: string;
    /** The Pulumi project name (`bilko`): prefix of the trigger and account names. */
    app: string;
    /** The stack that owns the pipeline and receives every build (stage). */
    stack: string;
    /** Every stack of the project in promotion order; those after `stack` are deployed by promotion commits. */
    stacks: readonly string[];
    /** The repository whose pushes and pull requests start the triggers. */
    source: TriggerSource;
    /** The Pulumi state backend every step logs in to (`gs://<bucket>`). */
    stateBackend: string;
    /** The stacks' secrets provider, named in the message when a stack must be created first. */
    secretsProvider: string;
    /** The bucket of `stateBackend`: the pipeline accounts are granted on it. */
    stateBucket: string;
    /** Resource name of the KMS key of the stacks' secrets provider: the pipeline accounts are granted on it. */
    secretsKey: string;
    /** Builder image per builder, each pinned by digest; Docker Hub ones are pulled through `dockerHubCache`. */
    builders: Builders;
    /** Id of the Artifact Registry remote repository (in the registry's location) that caches Docker Hub. */
    dockerHubCache: string;
    /** `bilko:registry` and its URL: the one repository the build account pushes to (in `project` or another one). */
    registry: { project: string; location: string; repository: string; url: string };
    /** The services the build trigger builds once per commit: each with a `build` entry, and the migrator of each with `migrations`. */
    services: Readonly<Record<string, { build?: BuildSource; migrations?: { path: string } }>>;
    /** What migrator images are made of: Flyway's image (a Docker Hub one is pulled through the cache) and the socket factory. */
    migrator: MigratorBase;
    /** Stacks with services on Kubernetes: their previews run in `builders.pulumiGke`, and build and preview get the GKE roles. */
    kubernetesStacks: string[];
    /** This stack declares bilko:network: the build account manages its VPC. */
    network: boolean;
    /**
     * A drift check per stack: a manual trigger run by a Cloud Scheduler job on this cron schedule, in this time zone.
     * No drift checks when absent.
     */
    drift?: { schedule: string; timeZone: string };
    /**
     * The stack declares bilko:notifications: the build account manages the notifiers and the alert.
     * @default false
     */
    notifications?: boolean;
    /** Google Cloud labels of the pipeline's labelled resources (the Docker Hub cache). */
    labels: Record<string, string>;
    /** Resources the grants need in place (the Artifact Registry repository). */
    waitFor?: pulumi.Resource[];
}

/**
 * The delivery pipeline as code: the build and preview Cloud Build triggers and the build and preview service
 * accounts they run as, each holding only the roles listed (with reasons) in identities.ts. Declared only in the
 * stack with `sharedResources: true`; each promoted stack declares its own deployer (stackDeployer.ts).
 */
export class DeliveryPipeline extends pulumi.ComponentResource {
    readonly accounts: Record<SharedIdentity, gcp.serviceaccount.Account>;
    readonly triggers: gcp.cloudbuild.Trigger[];
    /** The remote repository builder and base images come through. */
    readonly dockerHubCache: gcp.artifactregistry.Repository;
    /** `serviceAccount:` member of the build account, which runs `pulumi up` on this stack. */
    readonly deployer: pulumi.Output<string>;

    constructor(name: string, args: DeliveryPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:DeliveryPipeline", name, {}, opts);
        const { project, app } = args;

        const account = (identity: SharedIdentity) =>
            new gcp.serviceaccount.Account(
                `${name}-${identity}-sa`,
                {
                    project,
                    accountId: pipelineAccountId(app, identity),
                    displayName: `${app} pipeline: ${identity}`,
                    description: `Cloud Build identity that ${IDENTITY_PURPOSE[identity]}; managed by bilko.`,
                },
                { parent: this },
            );
        this.accounts = { build: account("build"), preview: account("preview") };
        this.deployer = this.accounts.build.member;

        this.dockerHubCache = new gcp.artifactregistry.Repository(
            `${name}-docker-hub`,
            {
                project,
                location: args.registry.location,
                repositoryId: args.dockerHubCache,
                format: "DOCKER",
                mode: "REMOTE_REPOSITORY",
                description: "Docker Hub through Artifact Registry: builder and base images, pulled by digest without Docker Hub's rate limit (managed by bilko).",
                remoteRepositoryConfig: { description: "Docker Hub", dockerRepository: { publicRepository: "DOCKER_HUB" } },
                labels: args.labels,
            },
            { parent: this },
        );
        const cacheUrl = registryUrl(args.registry.location, project, args.dockerHubCache);

        const grants = pipelineGrants(args.stateBucket, { kubernetes: args.kubernetesStacks.length > 0, network: args.network, drift: args.drift !== undefined, notifications: args.notifications ?? false });
        const targets: GrantTargets = {
            project,
            registry: { project: args.registry.project, location: args.registry.location, repository: args.registry.repository },
            dockerHubCache: { project, location: args.registry.location, repository: this.dockerHubCache.repositoryId },
            stateBucket: args.stateBucket,
            secretsKey: args.secretsKey,
        };
        const grantResources = Object.fromEntries(
            SHARED_IDENTITIES.map((identity) => [
                identity,
                grants[identity].map((grant) =>
                    declareRoleGrant(roleGrantName(`${name}-${identity}`, grant), grant, this.accounts[identity].member, targets, { parent: this, dependsOn: args.waitFor }),
                ),
            ]),
        ) as Record<SharedIdentity, pulumi.Resource[]>;

        // Stage's pulumi up (as the build account) sets each trigger's account, which needs actAs on that account: its
        // own and the preview account's, whose rights are read-only. Never a deployer's: each stack declares its own.
        const actAs = { build: actAsGrant(`${name}-build-actas-build`, this.accounts.build, this.deployer, this), preview: actAsGrant(`${name}-build-actas-preview`, this.accounts.preview, this.deployer, this) };

        const migrator = { ...args.migrator, flyway: throughDockerHubCache(args.migrator.flyway, cacheUrl) };
        const specs = pipelineTriggers({
            app,
            sharedStack: args.stack,
            stacks: args.stacks,
            stateBackend: args.stateBackend,
            stateBucket: args.stateBucket,
            secretsProvider: args.secretsProvider,
            images: imagesToBuild(args.registry.url, args.services, migrator),
            kubernetesStacks: args.kubernetesStacks,
            drift: args.drift !== undefined,
        });
        const builders = buildersThroughCache(args.builders, cacheUrl);
        this.triggers = specs.map(
            (spec) =>
                new gcp.cloudbuild.Trigger(
                    `${name}-${spec.key}`,
                    triggerArgs(spec, { project, region: args.region, source: args.source, builders, serviceAccount: this.accounts[spec.identity as SharedIdentity].name }),
                    { parent: this, dependsOn: [...grantResources[spec.identity as SharedIdentity], actAs[spec.identity as SharedIdentity]] },
                ),
        );
        if (args.drift) {
            this.scheduleDriftChecks(name, args, args.drift, specs, this.triggers);
        }
        this.registerOutputs({
            accounts: { build: this.accounts.build.email, preview: this.accounts.preview.email },
            triggers: specs.map((spec) => spec.name),
            dockerHubCache: cacheUrl,
        });
    }

    /**
     * Cloud Scheduler runs each drift trigger (`projects.locations.triggers.run`) as an account that may start builds
     * (cloudbuild.builds.create, only in builds.editor) and act as the preview account the triggers run as.
     */
    private scheduleDriftChecks(name: string, args: DeliveryPipelineArgs, drift: { schedule: string; timeZone: string }, specs: TriggerSpec[], triggers: gcp.cloudbuild.Trigger[]): void {
        const { project, region, app } = args;
        const scheduler = new gcp.serviceaccount.Account(
            `${name}-drift-scheduler-sa`,
            { project, accountId: `${app}-drift-scheduler`, displayName: `${app} drift schedule`, description: "Runs the daily drift-check triggers from Cloud Scheduler; managed by bilko." },
            { parent: this },
        );
        const runBuilds = new gcp.projects.IAMMember(`${name}-drift-scheduler-builds-editor`, { project, role: "roles/cloudbuild.builds.editor", member: scheduler.member }, { parent: this });
        const actAs = actAsGrant(`${name}-drift-scheduler-actas-preview`, this.accounts.preview, scheduler.member, this);
        // Creating or updating a job that calls with an account's token needs actAs on that account.
        const setScheduler = actAsGrant(`${name}-build-actas-drift-scheduler`, scheduler, this.deployer, this);
        specs.forEach((spec, index) => {
            if (spec.event.kind !== "manual") {
                return;
            }
            const trigger = triggers[index];
            new gcp.cloudscheduler.Job(
                `${name}-${spec.key}-schedule`,
                {
                    project,
                    region,
                    name: spec.name,
                    description: `Runs ${spec.name}: ${spec.description}`,
                    schedule: drift.schedule,
                    timeZone: drift.timeZone,
                    attemptDeadline: "60s",
                    httpTarget: {
                        httpMethod: "POST",
                        uri: pulumi.interpolate`https://cloudbuild.googleapis.com/v1/projects/${project}/locations/${region}/triggers/${trigger.triggerId}:run`,
                        body: trigger.triggerId.apply((triggerId) => Buffer.from(JSON.stringify(driftRunRequest(project, triggerId))).toString("base64")),
                        headers: { "Content-Type": "application/json" },
                        oauthToken: { serviceAccountEmail: scheduler.email, scope: "https://www.googleapis.com/auth/cloud-platform" },
                    },
                },
                { parent: this, dependsOn: [runBuilds, actAs, setScheduler] },
            );
        });
    }
}
