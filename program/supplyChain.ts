/**
 * Where a stack's images come from and what may run: read access to a registry in another project, and the
 * project's Binary Authorization policy requiring the pipeline's Cloud Build attestation.
 */
import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { BinaryAuthorization } from "../components/provenance";
import { CrossProjectPull } from "../components/registry";
import type { StackConfig } from "../config";
import { registryProject } from "./sharedResources";

export interface SupplyChain {
    /** Services and jobs ask for the project's Binary Authorization policy. */
    binaryAuthorization: boolean;
    /** What a service or job must wait for: the policy it asks for. */
    waitFor: pulumi.Resource[];
}

export function declareSupplyChain(config: StackConfig): SupplyChain {
    const { project } = config;
    const imagesProject = registryProject(config);
    // The pipeline's project: the shared stack's own, where the build trigger runs and Cloud Build attests.
    const pipelineProject = config.shared?.project ?? project;
    const crossProject = imagesProject !== project || (config.binaryAuthorization && pipelineProject !== project);
    const projectNumber = crossProject ? gcp.organizations.getProjectOutput({ projectId: project }).apply((found) => found.number) : undefined;
    if (imagesProject !== project) {
        new CrossProjectPull("image-pull", { registry: { project: imagesProject, location: config.registry.location, repository: config.registry.repository }, projectNumber: projectNumber! });
    }
    if (!config.binaryAuthorization) {
        return { binaryAuthorization: false, waitFor: [] };
    }
    const policy = new BinaryAuthorization("binary-authorization", { project, pipelineProject, projectNumber });
    return { binaryAuthorization: true, waitFor: [policy] };
}
