import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { binaryAuthorizationServiceAgent } from "../iam/serviceAgents";
import { CLOUD_BUILD_ATTESTOR, cloudBuildAttestor } from "./attestor";

export interface BinaryAuthorizationArgs {
    /** The project whose (one) Binary Authorization policy this is: the stack's. */
    project: string;
    /** The pipeline's project, where the build trigger runs and Cloud Build's attestor is. */
    pipelineProject: string;
    /**
     * This project's number, when the attestor is in another project: its Binary Authorization service agent must be
     * allowed to read the attestor's attestations there.
     */
    projectNumber?: pulumi.Input<string>;
}

/**
 * The project's Binary Authorization policy: an image may be deployed (to a Cloud Run service or job that asks for
 * the policy) only with an attestation of `built-by-cloud-build` of the pipeline's project, which Cloud Build signs
 * for each image a successful build pushed. A project has one policy: in a project several stacks share, only one of
 * them may turn it on (docs/pipeline.md). A person applies it: the deployer holds no Binary Authorization role.
 */
export class BinaryAuthorization extends pulumi.ComponentResource {
    readonly policy: gcp.binaryauthorization.Policy;

    constructor(name: string, args: BinaryAuthorizationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:BinaryAuthorization", name, {}, opts);
        const crossProject = args.pipelineProject !== args.project;
        if (crossProject && args.projectNumber === undefined) {
            throw new pulumi.InputPropertyError({ propertyPath: "projectNumber", reason: "the attestor is in another project: its attestations are read by this project's Binary Authorization service agent, named by the project number" });
        }
        const verifier = crossProject
            ? [
                  new gcp.binaryauthorization.AttestorIamMember(
                      `${name}-attestor-verifier`,
                      {
                          project: args.pipelineProject,
                          attestor: CLOUD_BUILD_ATTESTOR,
                          role: "roles/binaryauthorization.attestorsVerifier",
                          member: pulumi.output(args.projectNumber!).apply(binaryAuthorizationServiceAgent),
                      },
                      { parent: this },
                  ),
              ]
            : [];
        this.policy = new gcp.binaryauthorization.Policy(
            `${name}-policy`,
            {
                project: args.project,
                description: "Only images Cloud Build built and attested in the pipeline's project; managed by bilko.",
                globalPolicyEvaluationMode: "ENABLE",
                defaultAdmissionRule: {
                    evaluationMode: "REQUIRE_ATTESTATION",
                    enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
                    requireAttestationsBies: [cloudBuildAttestor(args.pipelineProject)],
                },
            },
            { parent: this, dependsOn: verifier },
        );
        this.registerOutputs({ policy: this.policy.id });
    }
}
