/**
 * The triggers of the delivery pipeline, as plain data: which event starts each, which files it watches, who it
 * runs as and its steps. `DeliveryPipeline` (deliveryPipeline.ts, the shared stack) turns build and preview into
 * Cloud Build triggers; each promoted stack's `StackDeployer` (stackDeployer.ts) declares its own deploy trigger,
 * in its own project, run by its own account, so the build account never manages (or acts as) a deployer.
 *
 *   build        push to main, except promotion commits: build every image (and migrator) once, deploy stage
 *   preview      pull request to main: tests, then a preview of every stack with the policy pack
 *   deploy-demo  push to main changing Pulumi.demo.yaml: deploy demo at the digests promoted into it
 *   deploy-prod  the same for Pulumi.prod.yaml, and only after someone approves the build
 *   drift-<stack> run daily by Cloud Scheduler (with notifications): pulumi preview --refresh --expect-no-changes
 * No step runs git: a build started from a GitHub App connection may have no `.git`. What git used to answer
 * (did this code run upstream?) is the program guard's, from the stacks themselves (promotion/programGuard.ts).
 */
import { stackFileName } from "../../config";
import { deploySteps, installStep } from "./steps/deploySteps";
import { driftStep, driftVerdictStep } from "./steps/driftSteps";
import { environmentTag } from "./environmentTag";
import type { PipelineIdentity } from "./identities";
import { builtImageTags, imageSteps, type ImageToBuild } from "./steps/imageSteps";
import { parityStep } from "./steps/parityStep";
import { previewStep, testStep } from "./steps/previewSteps";
import type { PulumiBackend } from "./steps/pulumiCommands";
import type { ScriptStep } from "./steps/step";
import type { DeployTarget } from "./steps/target";

export const MAIN_BRANCH = "^main$";

/** Outside contributors' pull requests wait for a collaborator's `/gcbrun` comment: the build runs their code. */
export const PULL_REQUEST_COMMENT_CONTROL = "COMMENTS_ENABLED_FOR_EXTERNAL_CONTRIBUTORS_ONLY";

/** Environments whose deploy trigger waits for an approval. */
export const APPROVAL_ENVIRONMENTS: readonly string[] = ["prod"];

export type TriggerEvent = { kind: "push"; branch: string } | { kind: "pull-request"; branch: string; commentControl: string } | { kind: "manual"; ref: string };

/** What a manual trigger (the drift checks, run by Cloud Scheduler) builds. */
export const MAIN_BRANCH_NAME = "main";
export const MAIN_REF = `refs/heads/${MAIN_BRANCH_NAME}`;

export interface TriggerSpec {
    /** `build`, `preview`, `deploy-demo`, `drift-prod`...: emitted file names derive from it. */
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
    /** Images Cloud Build pushes once every step succeeded, records the provenance of and attests (the build's `images`). */
    images?: string[];
}

export interface PipelineInput extends PulumiBackend {
    app: string;
    /** Stack (and environment) that owns the pipeline and receives every build: stage. */
    sharedStack: string;
    /** Every stack of the project, in promotion order (stage, demo, prod). */
    stacks: readonly string[];
    /** Images the build trigger builds (services, then migrators), in config order. */
    images: ImageToBuild[];
    /** The state bucket of `stateBackend`: the deploy locks live there. */
    stateBucket: string;
    /** The stacks' secrets provider, named when a stack must be created first. */
    secretsProvider: string;
    /** Stacks with Kubernetes services: their Pulumi steps run in the builder with gke-gcloud-auth-plugin. */
    kubernetesStacks: readonly string[];
    /** Declare a manual drift-check trigger per stack (run on a schedule). */
    drift?: boolean;
}

/** Stacks a promotion commit deploys: every environment after the shared one, in promotion order. */
export function promotedStacks(stacks: readonly string[], sharedStack: string): string[] {
    return stacks.slice(stacks.indexOf(sharedStack) + 1);
}

/** The shared stack's triggers: build, preview and (with drift checks) one drift check per stack. */
export function pipelineTriggers(input: PipelineInput): TriggerSpec[] {
    const promoted = promotedStacks(input.stacks, input.sharedStack);
    return [buildTrigger(input, promoted), previewTrigger(input), ...(input.drift ? input.stacks.map((stack) => driftTrigger(input, stack)) : [])];
}

function buildTrigger(input: PipelineInput, promoted: string[]): TriggerSpec {
    const services = input.images.filter((image) => !image.migrator).map((image) => image.service);
    const migrators = input.images.flatMap((image) => (image.migrator ? [image.migrator.service] : []));
    const target = { ...deployTarget(input, input.sharedStack), newDigests: { services, migrators } };
    return {
        key: "build",
        name: `${input.app}-build`,
        description: `Builds each service and migrator once at the merged commit (sha-<commit>, verified, scanned) and deploys them to ${input.sharedStack}.`,
        event: { kind: "push", branch: MAIN_BRANCH },
        includedFiles: [],
        // A promotion commit changes only these files: it deploys digests that were built already.
        ignoredFiles: promoted.map(stackFileName),
        approvalRequired: false,
        identity: "build",
        tags: [input.app, "build", environmentTag(input.sharedStack)],
        timeout: "3600s",
        steps: [installStep(["-"]), ...imageSteps(input.images), ...deploySteps(target)],
        images: builtImageTags(input.images),
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
        steps: [
            testStep(),
            parityStep(input.stacks),
            ...input.stacks.map((stack) =>
                previewStep(stack, backendOf(input), { runningDigests: stack === input.sharedStack, kubernetes: input.kubernetesStacks.includes(stack) }),
            ),
        ],
    };
}

/** What a promoted stack's deploy trigger needs: the pipeline's backend and its own place in the promotion order. */
export interface DeployTriggerInput extends PulumiBackend {
    app: string;
    stack: string;
    /** The stack this one promotes from: the program guard reads it. */
    upstream: string;
    stateBucket: string;
    secretsProvider: string;
    /** This stack runs Kubernetes services: its Pulumi steps need the builder with gke-gcloud-auth-plugin. */
    kubernetes: boolean;
}

/** A promoted stack's own trigger: deploy it when a promotion commit changes its file (prod: after approval). */
export function deployTrigger(input: DeployTriggerInput): TriggerSpec {
    const { stack } = input;
    const approvalRequired = APPROVAL_ENVIRONMENTS.includes(stack);
    const target = { stateBackend: input.stateBackend, stack, stateBucket: input.stateBucket, secretsProvider: input.secretsProvider, kubernetes: input.kubernetes };
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
        steps: [installStep(), ...deploySteps({ ...target, upstream: input.upstream, approval: approvalRequired })],
    };
}

/** Run daily by Cloud Scheduler as the preview account: is what runs in the stack what the program declares? */
function driftTrigger(input: PipelineInput, stack: string): TriggerSpec {
    return {
        key: `drift-${stack}`,
        name: `${input.app}-drift-${stack}`,
        description: `Daily by Cloud Scheduler: pulumi preview --refresh --expect-no-changes of ${stack} with the policy pack; fails, naming the resources, when the cloud differs from the program.`,
        event: { kind: "manual", ref: MAIN_REF },
        includedFiles: [],
        ignoredFiles: [],
        approvalRequired: false,
        identity: "preview",
        tags: [input.app, "drift", `drift-${stack}`],
        timeout: "1800s",
        steps: [
            installStep(),
            driftStep(stack, backendOf(input), { runningDigests: stack === input.sharedStack, kubernetes: input.kubernetesStacks.includes(stack) }),
            driftVerdictStep(stack),
        ],
    };
}

function deployTarget(input: PipelineInput, stack: string): DeployTarget {
    return { ...backendOf(input), stack, stateBucket: input.stateBucket, secretsProvider: input.secretsProvider, kubernetes: input.kubernetesStacks.includes(stack) };
}

function backendOf(input: PipelineInput): PulumiBackend {
    return { stateBackend: input.stateBackend };
}
