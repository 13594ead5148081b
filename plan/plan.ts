/**
 * The program evaluated offline for each requested stack, with the verdict of the bilko-guard policies on it. A
 * failure the user can act on (invalid config, an unreadable file, a stack reference that cannot be answered, the
 * upstream guard) becomes a `PlanRefusal`; anything else is a bug and keeps its stack trace.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { EstateError, EstateFiles, stackAdoption, unmanagedLines, type AdoptionReport } from "../adoption";
import { projectDir, ProjectNotFoundError, projectName, projectStacks, readStackFile, stackFilePath, StackFileError } from "../config";
import { ProgramRefusal, StackReferenceFailure } from "../offline/asyncRefusal";
import { evaluateStack, type StackPlan } from "../offline/evaluate";
import { checkStack, refuses, type Violation } from "../offline/policyCheck";
import { policies } from "../policies/all";
import { PlanRefusal } from "./errors";
import type { PlanRequest } from "./request";

/** A stack's plan with the policy verdict on it, and the estate check when its project has an estate file. */
export interface CheckedPlan extends StackPlan {
    violations: Violation[];
    adoption?: AdoptionReport;
}

export async function planStacks(request: PlanRequest): Promise<CheckedPlan[]> {
    try {
        return await evaluateAll(request);
    } catch (error) {
        if (error instanceof PlanRefusal) {
            throw error;
        }
        if (error instanceof ProgramRefusal) {
            // The upstream guard: the config is valid, but preview would refuse to deploy it.
            throw new PlanRefusal(error.message, 1);
        }
        if (error instanceof StackFileError || error instanceof ProjectNotFoundError || error instanceof EstateError || pulumi.RunError.isInstance(error)) {
            throw new PlanRefusal(error.message, 2);
        }
        throw error;
    }
}

async function evaluateAll(request: PlanRequest): Promise<CheckedPlan[]> {
    const directory = projectDir();
    const knownStacks = [...new Set([...projectStacks(directory), ...request.stacks])];
    const estates = new EstateFiles(directory, request.estate);
    const plans: CheckedPlan[] = [];
    for (const stack of request.stacks) {
        const file = request.configFile ? path.resolve(request.configFile) : stackFilePath(directory, stack);
        const values = readStackFile(file);
        const plan = await evaluateStack({ stack, file: path.basename(file), directory: path.dirname(file), knownStacks, ...values }).catch((error: unknown) => {
            // Like `pulumi preview` on a reference to a missing or broken stack: invalid input, named by the file.
            throw error instanceof StackReferenceFailure ? new PlanRefusal(`${path.basename(file)}: ${error.message}`, 2) : error;
        });
        const adoption = stackAdoption(plan, values.values, { stack, file: path.basename(file), knownStacks }, estates, projectName(directory));
        plans.push({ ...plan, violations: await checkStack(plan, policies), ...(adoption ? { adoption } : {}) });
    }
    return plans;
}

/** Live resources no stack manages; only a plan of every committed stack can tell. */
export function unmanagedWarnings(plans: CheckedPlan[], request: PlanRequest): string[] {
    const everyStack = request.configFile === undefined && projectStacks().every((stack) => request.stacks.includes(stack));
    return everyStack ? unmanagedLines(plans.flatMap((plan) => plan.adoption ?? [])) : [];
}

/** One line per refused stack, naming the mandatory policies it violates, then one per estate refusal. */
export function refusedStacks(plans: CheckedPlan[]): string[] {
    const policyLines = plans.filter((plan) => refuses(plan.violations)).map((plan) => {
        const names = [...new Set(plan.violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => violation.policy))];
        return `${plan.stack} (${plan.file}) violates mandatory policies: ${names.join(", ")}`;
    });
    return [...policyLines, ...plans.flatMap((plan) => (plan.adoption?.refusals ?? []).map((refusal) => `${plan.stack}: ${refusal}`))];
}

