/** A trigger spec as the arguments of a `gcp.cloudbuild.Trigger`. */
import type * as gcp from "@pulumi/gcp";
import type { Input } from "@pulumi/pulumi";
import { toCloudBuildStep, type Builders } from "./steps/step";
import type { TriggerEvent, TriggerSpec } from "./triggers";

/** A GitHub repository connected through the Cloud Build GitHub App (1st gen), or a 2nd-gen repository id. */
export interface TriggerSource {
    github?: { owner: string; name: string };
    /** `projects/<p>/locations/<l>/connections/<c>/repositories/<r>`. */
    repository?: string;
}

/** Builds that run as a user-managed account must say where their log goes; Cloud Logging needs no bucket. */
export const BUILD_LOGGING = "CLOUD_LOGGING_ONLY";

/** Every build asks for verified provenance: if Cloud Build cannot generate and store it, the build fails. */
export const VERIFY_OPTION = "VERIFIED";

export interface TriggerContext {
    project: string;
    region: string;
    /** Where the triggers' events come from. */
    source: TriggerSource;
    builders: Builders;
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
        ...triggerSource(context.source, spec.event),
        includedFiles: spec.includedFiles,
        ignoredFiles: spec.ignoredFiles,
        approvalConfig: { approvalRequired: spec.approvalRequired },
        serviceAccount: context.serviceAccount,
        // A pull request's check on GitHub then carries the build log (the parity report, the previews).
        ...(spec.event.kind === "pull-request" && context.source.github ? { includeBuildLogs: "INCLUDE_BUILD_LOGS_WITH_STATUS" } : {}),
        build: {
            // The trigger's tags on every build it starts: the notifiers tell the pipeline's events apart by them.
            tags: spec.tags,
            steps: spec.steps.map((step) => toCloudBuildStep(step, context.builders)),
            ...(spec.images ? { images: spec.images } : {}),
            timeout: spec.timeout,
            options: { logging: BUILD_LOGGING, requestedVerifyOption: VERIFY_OPTION },
        },
    };
}

/**
 * The GitHub App connection (1st gen, `github`) or the 2nd-gen repository (`repositoryEventConfig`); a manual
 * trigger has no event, only the ref it builds (`sourceToBuild`).
 */
export function triggerSource(source: TriggerSource, event: TriggerEvent): Pick<gcp.cloudbuild.TriggerArgs, "github" | "repositoryEventConfig" | "sourceToBuild"> {
    if (event.kind === "manual") {
        return {
            sourceToBuild: source.github
                ? { uri: `https://github.com/${source.github.owner}/${source.github.name}`, ref: event.ref, repoType: "GITHUB" }
                : { repository: source.repository, ref: event.ref, repoType: "GITHUB" },
        };
    }
    const filter =
        event.kind === "push" ? { push: { branch: event.branch } } : { pullRequest: { branch: event.branch, commentControl: event.commentControl } };
    if (source.github) {
        return { github: { owner: source.github.owner, name: source.github.name, ...filter } };
    }
    return { repositoryEventConfig: { repository: source.repository, ...filter } };
}
