/** How step scripts call the Pulumi CLI and the facts tool, in one place so every step says it the same way. */
import { shellQuote } from "./shell";

export interface PulumiBackend {
    /** `bilko:pipeline.stateBackend`, e.g. `gs://bucket`. */
    stateBackend: string;
}

/** Every step runs from the checked-out commit, so the policy pack is the one reviewed with it. */
export const POLICY_PACK = "policies";

/** Env of every Pulumi step: no update check against the network, plain output in the build log. */
export const PULUMI_ENV = ["PULUMI_SKIP_UPDATE_CHECK=true", "NO_COLOR=1"];

/**
 * Stacks are named plainly: after `pulumi login` the CLI qualifies them itself, with the project of Pulumi.yaml and
 * the backend's organization (a `gs://` backend has only one).
 */
export function stackRef(stack: string): string {
    return shellQuote(stack);
}

export function login(backend: PulumiBackend): string {
    return `pulumi login ${shellQuote(backend.stateBackend)}`;
}

export function up(stack: string, extra = ""): string {
    return `pulumi up --stack ${stackRef(stack)} --yes --policy-pack ${POLICY_PACK}${extra ? ` ${extra}` : ""}`;
}

export function preview(stack: string): string {
    return `pulumi preview --stack ${stackRef(stack)} --policy-pack ${POLICY_PACK} --diff`;
}

export function configSet(stack: string, keyPath: string, value: string): string {
    return `pulumi config set --stack ${stackRef(stack)} --path ${keyPath} ${value}`;
}

/** Every output of the stack as one JSON object (`{}` for a stack that has none yet). */
export function stackOutputs(stack: string): string {
    return `pulumi stack output --json --stack ${stackRef(stack)}`;
}

/** `tools/pipelineFacts.ts`: what a step needs to know about a stack, read from the commit's own stack file. */
export function facts(stack: string, fact: string): string {
    return `node --require sucrase/register/ts tools/pipelineFacts.ts ${shellQuote(stack)} ${fact}`;
}

export const INSTALL = "npm ci --no-audit --no-fund";
