/** Test access to the program under Pulumi's mock runtime, for committed stacks and for edited copies of them. */
import { projectDir, projectStacks, readStackFile, stackFileName, stackFilePath } from "../../config";
import { evaluateStack, type PlannedResource, type StackPlan } from "../../offline/evaluate";

export const PROJECT_DIR = projectDir();
export const COMMITTED_STACKS = projectStacks(PROJECT_DIR);

/** Config values of a committed stack, as the Pulumi CLI would pass them (a fresh copy each call). */
export function committedValues(stack: string): Record<string, any> {
    return readStackFile(stackFilePath(PROJECT_DIR, stack)).values as Record<string, any>;
}

const cache = new Map<string, Promise<StackPlan>>();

/** The committed stack evaluated once per test run; tests must not mutate the result. */
export function plannedStack(stack: string): Promise<StackPlan> {
    if (!cache.has(stack)) {
        cache.set(stack, evaluate(stack, committedValues(stack)));
    }
    return cache.get(stack)!;
}

/** Evaluates `values` as stack `stack` (the file name in messages stays `Pulumi.<stack>.yaml`). */
export function evaluate(stack: string, values: Record<string, unknown>): Promise<StackPlan> {
    return evaluateStack({ stack, file: stackFileName(stack), knownStacks: COMMITTED_STACKS, values, secretKeys: [] });
}

export function resourcesOfType(plan: StackPlan, type: string): PlannedResource[] {
    return plan.resources.filter((resource) => resource.type === type);
}

export function resourceNamed(plan: StackPlan, name: string): PlannedResource {
    const found = plan.resources.find((resource) => resource.name === name);
    if (!found) {
        throw new Error(`stack ${plan.stack} has no resource named ${name}; it has ${plan.resources.map((r) => r.name).join(", ")}`);
    }
    return found;
}

/** Deep copy with `edit` applied: the way each invalid-config test breaks exactly one thing. */
export function edited(stack: string, edit: (values: Record<string, any>) => void): Record<string, any> {
    const values = committedValues(stack);
    edit(values);
    return values;
}
