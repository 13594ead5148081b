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
    return config.pipeline ? (pipelineResourcesProblem(config.pipeline, config.region) ?? builderProblem(config.pipeline)) : undefined;
}

/** The program needs Node 20.19 or newer; only a versioned image says which Node it has. */
const NODE_IMAGE = /\/pulumi\/pulumi-nodejs-(\d+)@/;
const MIN_NODE_MAJOR = 22;

function builderProblem(pipeline: PipelineConfig): Problem | undefined {
    const major = Number(NODE_IMAGE.exec(pipeline.builders.pulumi)?.[1] ?? 0);
    if (major < MIN_NODE_MAJOR) {
        return {
            key: "bilko:pipeline.builders.pulumi",
            reason: `expected a pulumi/pulumi-nodejs-<major> image with a major of ${MIN_NODE_MAJOR} or more (the program needs Node 20.19 or newer, and the unsuffixed image has changed Node versions over time), got ${show(pipeline.builders.pulumi)}`,
        };
    }
    if (!/\/pulumi\/pulumi@/.test(pipeline.builders.pulumiGke)) {
        return { key: "bilko:pipeline.builders.pulumiGke", reason: `expected Pulumi's full image pulumi/pulumi (it has gcloud and gke-gcloud-auth-plugin), got ${show(pipeline.builders.pulumiGke)}` };
    }
    return undefined;
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
