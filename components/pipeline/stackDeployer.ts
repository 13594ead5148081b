import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { actAsGrant } from "../iam";
import { registryUrl } from "../registry/images";
import { buildersThroughCache } from "./builderImages";
import { deployAccountId, IDENTITY_PURPOSE, pipelineAccountEmail, pipelineGrants, previewProjectGrants } from "./identities";
import { declareRoleGrant, roleGrantName, type GrantTargets } from "./roleGrant";
import type { Builders } from "./steps/step";
import { triggerArgs, type TriggerSource } from "./triggerArgs";
import { deployTrigger } from "./triggers";

export interface StackDeployerArgs {
    /** This stack's project: the deployer account, its project-level roles and its trigger live there, and only there. */
    project: string;
    /** Region of the trigger (`gcp:region`); a 2nd-gen repository connection must be in its project and region. */
    region: string;
    /** The Pulumi project name (`bilko`): prefix of the trigger and account names. */
    app: string;
    /** The stack the deployer deploys, and the one it promotes from (the program guard reads it). */
    stack: string;
    upstream: string;
    /** The project of the stack that owns the pipeline: its preview account and Docker Hub cache. */
    pipelineProject: string;
    /** The repository whose pushes start the trigger. */
    source: TriggerSource;
    /** The Pulumi state backend (`gs://<bucket>`), its bucket and the secrets provider with its KMS key. */
    stateBackend: string;
    stateBucket: string;
    secretsProvider: string;
    secretsKey: string;
    /** Builder images, pinned by digest; Docker Hub ones come through `dockerHubCache`. */
    builders: Builders;
    /** Id of the Docker Hub remote repository in the pipeline's project, in the registry's location. */
    dockerHubCache: string;
    /** The repository the stack's images are deployed from. */
    registry: { project: string; location: string; repository: string };
    /** The stack runs services on GKE: its Pulumi steps need the GKE builder, its deployer the GKE role. */
    kubernetes: boolean;
    /** The stack declares bilko:network: its deployer manages the VPC. */
    network: boolean;
    /**
     * The pipeline runs a daily drift check of this stack: outside the pipeline's project, the preview account also gets
     * the drift readers here.
     * @default false
     */
    drift?: boolean;
}

/**
 * The account that deploys one promoted stack, declared by that stack in its own project: its roles (identities.ts,
 * `deploy`), actAs on itself only (its trigger runs as it), and its deploy trigger. The build account holds nothing
 * here, and no other account may act as this one; the preview account gets read-only roles when this project is not
 * the pipeline's. A person applies the grants (docs/pipeline.md): the deployer cannot change its own rights.
 */
export class StackDeployer extends pulumi.ComponentResource {
    readonly account: gcp.serviceaccount.Account;
    readonly trigger: gcp.cloudbuild.Trigger;

    constructor(name: string, args: StackDeployerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:StackDeployer", name, {}, opts);
        const { project, app, stack } = args;
        this.account = new gcp.serviceaccount.Account(
            `${name}-sa`,
            {
                project,
                accountId: deployAccountId(app, stack),
                displayName: `${app} pipeline: deploy ${stack}`,
                description: `Cloud Build identity that ${IDENTITY_PURPOSE.deploy} (${stack}); managed by bilko.`,
            },
            { parent: this },
        );
        const member = this.account.member;
        const targets: GrantTargets = {
            project,
            registry: args.registry,
            dockerHubCache: { project: args.pipelineProject, location: args.registry.location, repository: args.dockerHubCache },
            stateBucket: args.stateBucket,
            secretsKey: args.secretsKey,
        };
        const grants = pipelineGrants(args.stateBucket, { kubernetes: args.kubernetes, network: args.network }).deploy.map((grant) =>
            declareRoleGrant(roleGrantName(name, grant), grant, member, targets, { parent: this }),
        );
        if (project !== args.pipelineProject) {
            const preview = `serviceAccount:${pipelineAccountEmail(app, args.pipelineProject, "preview")}`;
            for (const grant of previewProjectGrants({ kubernetes: args.kubernetes, drift: args.drift ?? false })) {
                declareRoleGrant(roleGrantName(`${name}-preview`, grant), grant, preview, targets, { parent: this });
            }
        }
        // Its pulumi up manages its own trigger, which runs as it: setting a trigger's account needs actAs on it.
        const actAs = actAsGrant(`${name}-actas`, this.account, member, this);

        const spec = deployTrigger({
            app,
            stack,
            upstream: args.upstream,
            stateBackend: args.stateBackend,
            stateBucket: args.stateBucket,
            secretsProvider: args.secretsProvider,
            kubernetes: args.kubernetes,
        });
        const builders = buildersThroughCache(args.builders, registryUrl(args.registry.location, args.pipelineProject, args.dockerHubCache));
        this.trigger = new gcp.cloudbuild.Trigger(
            `${name}-trigger`,
            triggerArgs(spec, { project, region: args.region, source: args.source, builders, serviceAccount: this.account.name }),
            { parent: this, dependsOn: [...grants, actAs] },
        );
        this.registerOutputs({ account: this.account.email, trigger: spec.name });
    }
}
