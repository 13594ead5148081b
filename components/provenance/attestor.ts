/**
 * The attestor a Binary Authorization policy of bilko requires: `built-by-cloud-build`, which Cloud Build creates in
 * a project the first time a build there produces images, and whose attestations Cloud Build itself signs for the
 * images a successful build pushed through its `images` field (bilko's build trigger lists each `sha-<commit>` tag
 * there). Nothing in bilko signs anything: an image gets this attestation only by a successful Cloud Build build.
 */

export const CLOUD_BUILD_ATTESTOR = "built-by-cloud-build";

/** `projects/<project>/attestors/built-by-cloud-build`: the attestor of the builds in the pipeline's project. */
export function cloudBuildAttestor(pipelineProject: string): string {
    return `projects/${pipelineProject}/attestors/${CLOUD_BUILD_ATTESTOR}`;
}
