import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { registryUrl, repositoryImportId } from "./images";
import { cleanupPolicies } from "./cleanup";

export interface ArtifactRegistryArgs {
    project: string;
    /** Region (or multi-region) of the repository. */
    location: string;
    /** Repository id; images are `<location>-docker.pkg.dev/<project>/<repository>/<service>`. */
    repository: string;
    /** Google Cloud labels of the repository. */
    labels: Record<string, string>;
    /**
     * Import the live repository of this id (Pulumi's `import`) instead of creating it.
     * @default false
     */
    adopt?: boolean;
}

/**
 * The one Docker repository every stack pulls from. Tags are immutable, so `sha-<commit>` always names the image
 * that commit built; Artifact Analysis scans what is pushed; and the repository is protected: deleting it would strand
 * every stack's pinned digest.
 */
export class ArtifactRegistry extends pulumi.ComponentResource {
    /** `<location>-docker.pkg.dev/<project>/<repository>`. */
    readonly url: string;
    readonly repository: gcp.artifactregistry.Repository;

    constructor(name: string, args: ArtifactRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:ArtifactRegistry", name, {}, opts);
        this.repository = new gcp.artifactregistry.Repository(
            `${name}-repository`,
            {
                project: args.project,
                location: args.location,
                repositoryId: args.repository,
                format: "DOCKER",
                description: "Container images built once per commit and promoted by digest (managed by bilko).",
                dockerConfig: { immutableTags: true },
                cleanupPolicyDryRun: false,
                cleanupPolicies: cleanupPolicies(),
                // Artifact Analysis scans every pushed image, and keeps rescanning it as new vulnerabilities are published.
                vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
                labels: args.labels,
            },
            { parent: this, protect: true, ...(args.adopt ? { import: repositoryImportId(args.project, args.location, args.repository) } : {}) },
        );
        this.url = registryUrl(args.location, args.project, args.repository);
        this.registerOutputs({ url: this.url, repository: this.repository.id });
    }
}
