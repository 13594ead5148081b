/**
 * Which stacks run services on Kubernetes, read from their files: the stack that owns the pipeline declares every
 * stack's deploy trigger, and those stacks' Pulumi steps need a builder with gke-gcloud-auth-plugin. Read leniently: a
 * file that does not parse is left to its own deployment, which refuses it with the exact key.
 */
import { projectStacks, stackFilePath } from "./project";
import { readStackFile } from "./stackFile";
import type { StackConfig } from "./types";

/** This stack runs at least one service on Kubernetes. */
export function runsOnKubernetes(config: Pick<StackConfig, "services">): boolean {
    return Object.values(config.services).some((service) => service.runtime === "kubernetes");
}

export function stacksOnKubernetes(directory: string): string[] {
    return projectStacks(directory).filter((stack) => {
        try {
            const services = readStackFile(stackFilePath(directory, stack)).values["bilko:services"];
            return typeof services === "object" && services !== null && Object.values(services).some((service) => (service as { runtime?: unknown })?.runtime === "kubernetes");
        } catch {
            return false;
        }
    });
}
