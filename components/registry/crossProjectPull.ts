import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { cloudRunServiceAgent } from "../iam/serviceAgents";

export interface CrossProjectPullArgs {
    /** The repository in another project the stack's images are deployed from. */
    registry: { project: string; location: string; repository: string };
    /** The stack's project number: its Cloud Run service agent is named after it. */
    projectNumber: pulumi.Input<string>;
}

/**
 * Read access to a repository in another project for this project's Cloud Run service agent, which pulls each image
 * when a service or job is deployed (the runtime accounts never pull). A person applies it: the stack's deployer may
 * read the repository, not grant on it.
 */
export class CrossProjectPull extends pulumi.ComponentResource {
    constructor(name: string, args: CrossProjectPullArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:CrossProjectPull", name, {}, opts);
        new gcp.artifactregistry.RepositoryIamMember(
            `${name}-run-agent`,
            { ...args.registry, role: "roles/artifactregistry.reader", member: pulumi.output(args.projectNumber).apply(cloudRunServiceAgent) },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
