/** `bilko:pipeline`: owned by the shared stack, with a state bucket and a KMS key the pipeline can be granted on. */
import { show } from "../../common/text";
import { repositoryLocationOf, secretsKeyOf, stateBucketOf } from "../pipelineResources";
import type { PipelineConfig } from "../schema";
import type { StackConfig } from "../types";
import type { Problem } from "./problem";

export function pipelineProblem(config: StackConfig): Problem | undefined {
    if (config.pipeline && !config.sharedResources) {
        return { key: "bilko:pipeline", reason: "the delivery pipeline lives in the stack with bilko:sharedResources: true; remove it here" };
    }
    if (config.sharedResources && !config.pipeline) {
        return { key: "bilko:pipeline", reason: "missing required key: the stack with bilko:sharedResources: true owns the delivery pipeline" };
    }
    return config.pipeline ? pipelineResourcesProblem(config.pipeline, config.region) : undefined;
}

/** The pipeline's accounts are granted on the state bucket and the KMS key themselves, and its triggers run in gcp:region. */
function pipelineResourcesProblem(pipeline: PipelineConfig, region: string): Problem | undefined {
    if (!stateBucketOf(pipeline.stateBackend)) {
        return { key: "bilko:pipeline.stateBackend", reason: `the pipeline's accounts are granted on the state bucket itself; use a "gs://<bucket>" backend, got ${show(pipeline.stateBackend)}` };
    }
    if (!secretsKeyOf(pipeline.secretsProvider)) {
        return {
            key: "bilko:pipeline.secretsProvider",
            reason: `the pipeline's accounts are granted on the KMS key itself; use "gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>", got ${show(pipeline.secretsProvider)}`,
        };
    }
    const location = pipeline.repository ? repositoryLocationOf(pipeline.repository) : undefined;
    if (location !== undefined && location !== region) {
        return { key: "bilko:pipeline.repository", reason: `the repository's connection is in "${location}" but the triggers run in gcp:region "${region}"; they must be in one region` };
    }
    return undefined;
}
