/** The pipeline as the stage stack declares it, and a model of Cloud Build's file filters, for the pipeline tests. */
import type { PlannedResource } from "../../../offline/evaluate";
import { plannedStack, resourcesOfType } from "../../support/stacks";

export const TRIGGER = "gcp:cloudbuild/trigger:Trigger";

/** The planned triggers of the stage stack, by their key (`build`, `preview`, `deploy-demo`, `deploy-prod`). */
export async function stageTriggers(): Promise<Record<string, Record<string, any>>> {
    const triggers = resourcesOfType(await plannedStack("stage"), TRIGGER);
    return Object.fromEntries(triggers.map((trigger: PlannedResource) => [trigger.name.replace(/^pipeline-/, ""), trigger.inputs]));
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
