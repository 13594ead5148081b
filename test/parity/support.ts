/** The parity command run in this process, answering stack evaluations from the shared committed plans. */
import type { StackPlan } from "../../offline/evaluate";
import { ancestorsOf, main, type EvaluateSides, type StackSide } from "../../parity";
import { committedValues, evaluate, plannedStack } from "../support/stacks";

export interface ParityRun {
    status: number;
    stdout: string;
    stderr: string;
}

/** `main(argv)` with its output captured, each write ending in a newline as console.log's would. */
export async function runParity(argv: string[], evaluateSides: EvaluateSides = committedSides): Promise<ParityRun> {
    let stdout = "";
    let stderr = "";
    const status = await main(argv, { out: (text) => (stdout += `${text}\n`), err: (text) => (stderr += `${text}\n`) }, evaluateSides);
    return { status, stdout, stderr };
}

/** The upstream chain of a committed stack, from the committed stack files. */
export function committedAncestors(stack: string): string[] {
    return ancestorsOf(stack, (name) => committedValues(name)["bilko:upstream"]);
}

export function sideOf(plan: StackPlan): StackSide {
    return { plan, ancestors: committedAncestors(plan.stack) };
}

/** The committed stacks, evaluated once per test run. */
export const committedSides: EvaluateSides = async (a, b) => [sideOf(await plannedStack(a)), sideOf(await plannedStack(b))];

/** The committed stacks, except `stack` evaluated from `values` (an edited copy of its file). */
export function sidesWith(stack: string, values: Record<string, unknown>): EvaluateSides {
    const edited = evaluate(stack, values);
    return async (a, b) => Promise.all([a, b].map(async (name) => sideOf(name === stack ? await edited : await plannedStack(name)))) as Promise<[StackSide, StackSide]>;
}

/** The committed plan of `stack`, deep-copied with `edit` applied: what a program change for that stack only would declare. */
export async function editedPlan(stack: string, edit: (plan: StackPlan) => void): Promise<StackPlan> {
    const copy = structuredClone(await plannedStack(stack));
    edit(copy);
    return copy;
}

/** An evaluator that must not run: usage errors and malformed declarations refuse before any evaluation. */
export const NO_EVALUATION: EvaluateSides = () => {
    throw new Error("evaluated stacks although the request was refused");
};
