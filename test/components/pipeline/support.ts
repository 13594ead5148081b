/** The pipeline as the stage stack declares it, and a model of Cloud Build's file filters, for the pipeline tests. */
import type { PlannedResource } from "../../../offline/evaluate";
import { plannedStack, resourcesOfType } from "../../support/stacks";

export const TRIGGER = "gcp:cloudbuild/trigger:Trigger";

/**
 * Every planned trigger by its key: `build` and `preview` of the stage stack (the pipeline's), and `deploy-demo`,
 * `deploy-prod`, each declared by its own stack.
 */
export async function allTriggers(): Promise<Record<string, Record<string, any>>> {
    const shared = resourcesOfType(await plannedStack("stage"), TRIGGER).map((trigger: PlannedResource) => [trigger.name.replace(/^pipeline-/, ""), trigger.inputs] as const);
    const deployers = await Promise.all(
        ["demo", "prod"].map(async (stack) => resourcesOfType(await plannedStack(stack), TRIGGER).map((trigger: PlannedResource) => [`deploy-${stack}`, trigger.inputs] as const)),
    );
    return Object.fromEntries([...shared, ...deployers.flat()]);
}

/** A step of a planned trigger, by id. */
export function stepOf(trigger: Record<string, any>, id: string): Record<string, any> {
    const step = trigger.build.steps.find((candidate: { id: string }) => candidate.id === id);
    if (!step) {
        throw new Error(`trigger ${trigger.name} has no step ${id}; it has ${trigger.build.steps.map((s: { id: string }) => s.id).join(", ")}`);
    }
    return step;
}

export function stepIds(trigger: Record<string, any>): string[] {
    return trigger.build.steps.map((step: { id: string }) => step.id);
}

/** Go's filepath.Match extended with `**`, as Cloud Build documents for includedFiles and ignoredFiles. */
function globRegExp(glob: string): RegExp {
    const source = glob
        .split("**")
        .map((part) => part.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]"))
        .join(".*");
    return new RegExp(`^${source}$`);
}

/**
 * Whether a push changing `changedFiles` starts `trigger`, per Cloud Build's rules: files matching an ignoredFiles
 * glob are set aside; with none left, no build; with includedFiles set, at least one left must match one of them.
 */
export function firesOn(trigger: Record<string, any>, changedFiles: string[]): boolean {
    const matchesAny = (file: string, globs: string[] = []) => globs.some((glob) => globRegExp(glob).test(file));
    const considered = changedFiles.filter((file) => !matchesAny(file, trigger.ignoredFiles));
    if (considered.length === 0) {
        return false;
    }
    return (trigger.includedFiles ?? []).length === 0 || considered.some((file) => matchesAny(file, trigger.includedFiles));
}
