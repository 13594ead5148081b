/**
 * The four triggers of the delivery pipeline, as plain data: which event starts each, which files it watches,
 * who it runs as and its steps. `DeliveryPipeline` (deliveryPipeline.ts) turns each into a Cloud Build trigger.
 *
 *   build        push to main, except promotion commits: build every image once, deploy stage
 *   preview      pull request to main: tests, then a preview of every stack with the policy pack
 *   deploy-demo  push to main changing Pulumi.demo.yaml: deploy demo at the digests promoted into it
 *   deploy-prod  the same for Pulumi.prod.yaml, and only after someone approves the build
 */
import { stackFileName } from "../../config";
import { deploySteps, installStep, INSTALL_STEP_ID } from "./steps/deploySteps";
import { environmentTag } from "./environmentTag";
import { promotionOnlyGuard } from "./steps/guardStep";
import type { PipelineIdentity } from "./identities";
import { imageSteps, stepIds, type ImageToBuild } from "./steps/imageSteps";
import { parityStep } from "./steps/parityStep";
import { previewStep, testStep } from "./steps/previewSteps";
import type { PulumiBackend } from "./steps/pulumiCommands";
import type { ScriptStep } from "./steps/step";

export const MAIN_BRANCH = "^main$";

/** Outside contributors' pull requests wait for a collaborator's `/gcbrun` comment: the build runs their code. */
export const PULL_REQUEST_COMMENT_CONTROL = "COMMENTS_ENABLED_FOR_EXTERNAL_CONTRIBUTORS_ONLY";

/** Environments whose deploy trigger waits for an approval. */
export const APPROVAL_ENVIRONMENTS: readonly string[] = ["prod"];

export type TriggerEvent = { kind: "push"; branch: string } | { kind: "pull-request"; branch: string; commentControl: string };

export interface TriggerSpec {
    /** `build`, `preview`, `deploy-demo`, `deploy-prod`: resource names and emitted file names derive from it. */
    key: string;
    /** Cloud Build trigger name, unique in the project. */
    name: string;
    description: string;
    event: TriggerEvent;
    includedFiles: string[];
    ignoredFiles: string[];
    approvalRequired: boolean;
    identity: PipelineIdentity;
    tags: string[];
    /** Whole-build limit, e.g. `"3600s"`. */
    timeout: string;
    steps: ScriptStep[];
}

export interface PipelineInput extends PulumiBackend {
    app: string;
    /** Stack (and environment) that owns the pipeline and receives every build: stage. */
    sharedStack: string;
    /** Every stack of the project, in promotion order (stage, demo, prod). */
    stacks: readonly string[];
    /** Services the build trigger builds, in config order. */
    images: ImageToBuild[];
}

/** Stacks a promotion commit deploys: every environment after the shared one, in promotion order. */
export function promotedStacks(stacks: readonly string[], sharedStack: string): string[] {
    return stacks.slice(stacks.indexOf(sharedStack) + 1);
}

export function pipelineTriggers(input: PipelineInput): TriggerSpec[] {
    const promoted = promotedStacks(input.stacks, input.sharedStack);
    return [buildTrigger(input, promoted), previewTrigger(input), ...promoted.map((stack) => deployTrigger(input, stack))];
}

function buildTrigger(input: PipelineInput, promoted: string[]): TriggerSpec {
    const scans = input.images.map((image) => stepIds.scan(image.service));
    const target = { ...backendOf(input), stack: input.sharedStack, newDigests: input.images.map((image) => image.service) };
    return {
        key: "build",
        name: `${input.app}-build`,
        description: `Builds each service once at the merged commit (sha-<commit>, verified, scanned) and deploys it to ${input.sharedStack}.`,
        event: { kind: "push", branch: MAIN_BRANCH },
        includedFiles: [],
        // A promotion commit changes only these files: it deploys digests that were built already.
        ignoredFiles: promoted.map(stackFileName),
        approvalRequired: false,
        identity: "build",
        tags: [input.app, "build", environmentTag(input.sharedStack)],
        timeout: "3600s",
        steps: [
            installStep(["-"]),
            ...imageSteps(input.images),
            ...deploySteps(target, { prepareAfter: [INSTALL_STEP_ID], digestsAfter: scans }),
        ],
    };
}

function previewTrigger(input: PipelineInput): TriggerSpec {
    return {
        key: "preview",
        name: `${input.app}-preview`,
        description: `Pull requests to main: npm test, the parity report of each promotion step, then pulumi preview with the policy pack for ${input.stacks.join(", ")}.`,
        event: { kind: "pull-request", branch: MAIN_BRANCH, commentControl: PULL_REQUEST_COMMENT_CONTROL },
        includedFiles: [],
        ignoredFiles: [],
        approvalRequired: false,
        identity: "preview",
        tags: [input.app, "preview"],
        timeout: "1800s",
        steps: [testStep(), parityStep(input.stacks), ...input.stacks.map((stack) => previewStep(stack, backendOf(input)))],
    };
}

function deployTrigger(input: PipelineInput, stack: string): TriggerSpec {
    const approvalRequired = APPROVAL_ENVIRONMENTS.includes(stack);
    return {
        key: `deploy-${stack}`,
        name: `${input.app}-deploy-${stack}`,
        description: `Deploys ${stack} when a promotion commit changes ${stackFileName(stack)}${approvalRequired ? ", after approval" : ""}.`,
        event: { kind: "push", branch: MAIN_BRANCH },
        includedFiles: [stackFileName(stack)],
        ignoredFiles: [],
        approvalRequired,
        identity: "deploy",
        tags: [input.app, "deploy", environmentTag(stack)],
        timeout: "3600s",
        steps: [promotionOnlyGuard(stackFileName(stack)), installStep(), ...deploySteps({ ...backendOf(input), stack })],
    };
}

function backendOf(input: PipelineInput): PulumiBackend {
    return { stateBackend: input.stateBackend };
}
