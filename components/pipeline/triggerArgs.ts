/** A trigger spec as the arguments of a `gcp.cloudbuild.Trigger`. */
import type * as gcp from "@pulumi/gcp";
import type { Input } from "@pulumi/pulumi";
import type { PipelineConfig } from "../../config";
import { toCloudBuildStep } from "./step";
import type { TriggerEvent, TriggerSpec } from "./triggers";

/** Builds that run as a user-managed account must say where their log goes; Cloud Logging needs no bucket. */
export const BUILD_LOGGING = "CLOUD_LOGGING_ONLY";

export interface TriggerContext {
    project: string;
    region: string;
    pipeline: PipelineConfig;
    /** `projects/<project>/serviceAccounts/<email>` of the account the trigger runs as. */
    serviceAccount: Input<string>;
}

export function triggerArgs(spec: TriggerSpec, context: TriggerContext): gcp.cloudbuild.TriggerArgs {
    return {
        project: context.project,
        // A 2nd-gen repository's triggers must be in its region; the stack config refuses one outside gcp:region.
        location: context.region,
        name: spec.name,
        description: spec.description,
        tags: spec.tags,
        ...triggerSource(context.pipeline, spec.event),
        includedFiles: spec.includedFiles,
        ignoredFiles: spec.ignoredFiles,
        approvalConfig: { approvalRequired: spec.approvalRequired },
        serviceAccount: context.serviceAccount,
        build: {
            steps: spec.steps.map((step) => toCloudBuildStep(step, context.pipeline.builders)),
            timeout: spec.timeout,
            options: { logging: BUILD_LOGGING },
        },
    };
}

/** The GitHub App connection (1st gen, `github`) or the 2nd-gen repository (`repositoryEventConfig`). */
export function triggerSource(pipeline: PipelineConfig, event: TriggerEvent): Pick<gcp.cloudbuild.TriggerArgs, "github" | "repositoryEventConfig"> {
    const filter =
        event.kind === "push" ? { push: { branch: event.branch } } : { pullRequest: { branch: event.branch, commentControl: event.commentControl } };
    if (pipeline.github) {
        return { github: { owner: pipeline.github.owner, name: pipeline.github.name, ...filter } };
    }
    return { repositoryEventConfig: { repository: pipeline.repository, ...filter } };
}
