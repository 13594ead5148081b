import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { actAsGrant } from "../iam";
import { IDENTITY_PURPOSE, perIdentity, pipelineAccountId, pipelineGrants, type PipelineIdentity, type RoleGrant } from "./identities";
import type { ImageToBuild } from "./steps/imageSteps";
import type { Builders } from "./steps/step";
import { triggerArgs, type TriggerSource } from "./triggerArgs";
import { pipelineTriggers } from "./triggers";

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
    /** The bucket of `stateBackend`: the pipeline accounts are granted on it. */
    stateBucket: string;
    /** Resource name of the KMS key of the stacks' secrets provider: the pipeline accounts are granted on it. */
    secretsKey: string;
    /** Builder image per builder, each pinned by digest. */
    builders: Builders;
    /** `bilko:registry` and its URL: the one repository the build account pushes to. */
    registry: { location: string; repository: string; url: string };
    /** What the build trigger builds, once per commit. */
    images: ImageToBuild[];
    /** Resources the grants need in place (the Artifact Registry repository). */
    waitFor?: pulumi.Resource[];
}

/**
 * The delivery pipeline as code: the build, preview, deploy-demo and deploy-prod Cloud Build triggers, and the
 * build, deploy and preview service accounts they run as, each holding only the roles listed (with reasons) in
 * identities.ts. Declared only in the stack with `sharedResources: true`.
 */
export class DeliveryPipeline extends pulumi.ComponentResource {
    readonly accounts: Record<PipelineIdentity, gcp.serviceaccount.Account>;
    readonly triggers: gcp.cloudbuild.Trigger[];
    /** `serviceAccount:` member of the build account, which runs `pulumi up` on this stack. */
    readonly deployer: pulumi.Output<string>;

    constructor(name: string, args: DeliveryPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:DeliveryPipeline", name, {}, opts);
        const { project, app } = args;

        this.accounts = perIdentity(
            (identity) =>
                new gcp.serviceaccount.Account(
                    `${name}-${identity}-sa`,
                    {
                        project,
                        accountId: pipelineAccountId(app, identity),
                        displayName: `${app} pipeline: ${identity}`,
                        description: `Cloud Build identity that ${IDENTITY_PURPOSE[identity]}; managed by bilko.`,
                    },
                    { parent: this },
                ),
        );
        this.deployer = this.accounts.build.member;

        const grants = pipelineGrants(args.stateBucket);
        const grantResources = perIdentity((identity) => grants[identity].map((grant) => this.grant(name, identity, grant, args)));

        // Stage's pulumi up (as the build account) sets each trigger's account, which needs actAs on that account.
        const actAs = perIdentity((identity) => actAsGrant(`${name}-build-actas-${identity}`, this.accounts[identity], this.deployer, this));

        const specs = pipelineTriggers({ app, sharedStack: args.stack, stacks: args.stacks, stateBackend: args.stateBackend, images: args.images });
        this.triggers = specs.map(
            (spec) =>
                new gcp.cloudbuild.Trigger(
                    `${name}-${spec.key}`,
                    triggerArgs(spec, { project, region: args.region, source: args.source, builders: args.builders, serviceAccount: this.accounts[spec.identity].name }),
                    { parent: this, dependsOn: [...grantResources[spec.identity], actAs[spec.identity]] },
                ),
        );
        this.registerOutputs({
            accounts: perIdentity((identity) => this.accounts[identity].email),
            triggers: specs.map((spec) => spec.name),
        });
    }

    /** One role on the scope it names: the project, the repository, the state bucket or the secrets key. */
    private grant(name: string, identity: PipelineIdentity, grant: RoleGrant, args: DeliveryPipelineArgs): pulumi.Resource {
        const resourceName = `${name}-${identity}-${grant.role.replace(/^roles\//, "").replace(/\./g, "-")}`;
        const member = this.accounts[identity].member;
        const { role, condition } = grant;
        const options = { parent: this, dependsOn: args.waitFor };
        switch (grant.scope) {
            case "project":
                return new gcp.projects.IAMMember(resourceName, { project: args.project, role, member, condition }, options);
            case "repository":
                return new gcp.artifactregistry.RepositoryIamMember(
                    resourceName,
                    { project: args.project, location: args.registry.location, repository: args.registry.repository, role, member, condition },
                    options,
                );
            case "stateBucket":
                return new gcp.storage.BucketIAMMember(resourceName, { bucket: args.stateBucket, role, member, condition }, options);
            case "secretsKey":
                return new gcp.kms.CryptoKeyIAMMember(resourceName, { cryptoKeyId: args.secretsKey, role, member, condition }, options);
        }
    }
}
