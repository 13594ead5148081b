/**
 * Each planned Cloud Build trigger's inline build as a cloudbuild YAML file, for people who review YAML: the same
 * steps, args and env Cloud Build will receive (`$` already doubled), with the trigger's settings as a header.
 * The trigger in the stage stack stays the source of truth; these files are never read by Cloud Build.
 */
import * as path from "path";
import { stringify } from "yaml";
import { ensureDirectory, replaceFiles } from "../common";
import { TRIGGER } from "../policies/cloudbuild/support";
import type { PlannedResource } from "../offline/evaluate";
import { triggerEvent } from "./summary";

/** Step fields in the order a reader wants them: what runs and when first, the (long) script last. */
const STEP_ORDER = ["id", "name", "waitFor", "entrypoint", "env", "secretEnv", "timeout", "args"];

/** The provider's plural field names where the Cloud Build config file uses singular ones. */
const CONFIG_FILE_NAMES: Readonly<Record<string, string>> = { envs: "env", secretEnvs: "secretEnv", waitFors: "waitFor", secretManagers: "secretManager" };

export interface CloudbuildFile {
    /** `<trigger name>.cloudbuild.yaml`. */
    file: string;
    text: string;
}

export function cloudbuildFiles(resources: readonly PlannedResource[]): CloudbuildFile[] {
    return resources.filter((resource) => resource.type === TRIGGER).map((trigger) => ({ file: `${trigger.inputs.name}.cloudbuild.yaml`, text: cloudbuildYaml(trigger.inputs) }));
}

export function cloudbuildYaml(trigger: Record<string, any>): string {
    const source = trigger.github ?? trigger.repositoryEventConfig ?? {};
    const header = [
        `Trigger ${trigger.name}: ${trigger.description}`,
        `event: ${triggerEvent(trigger)} on ${trigger.github ? `github.com/${trigger.github.owner}/${trigger.github.name}` : (source.repository ?? trigger.sourceToBuild?.uri ?? trigger.sourceToBuild?.repository)}`,
        `includedFiles: ${JSON.stringify(trigger.includedFiles ?? [])}  ignoredFiles: ${JSON.stringify(trigger.ignoredFiles ?? [])}`,
        `approval required: ${trigger.approvalConfig?.approvalRequired === true}  runs as: ${trigger.serviceAccount}`,
        `Written by \`npm run plan -- --emit-cloudbuild\` from the trigger declared in the program; Cloud Build never reads this file.`,
    ];
    const { steps, timeout, options, ...rest } = toConfigFileNames(trigger.build ?? {}) as Record<string, any>;
    const body = { steps: (steps ?? []).map(inStepOrder), timeout, options, ...rest, serviceAccount: trigger.serviceAccount };
    return `${header.map((line) => `# ${line}`).join("\n")}\n${stringify(body, { lineWidth: 0 })}`;
}

function inStepOrder(step: Record<string, unknown>): Record<string, unknown> {
    const rank = (key: string) => (STEP_ORDER.includes(key) ? STEP_ORDER.indexOf(key) : STEP_ORDER.length - 1);
    return Object.fromEntries(Object.entries(step).sort(([a], [b]) => rank(a) - rank(b)));
}

function toConfigFileNames(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(toConfigFileNames);
    }
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [CONFIG_FILE_NAMES[key] ?? key, toConfigFileNames(inner)]));
    }
    return value;
}

/**
 * Writes every file into `dir` (created if missing) and returns their paths: all of them or, on a FileError (a file
 * in the way, a read-only directory, a full disk), none, and no directory this created.
 */
export function writeCloudbuildFiles(resources: readonly PlannedResource[], dir: string): string[] {
    const files = cloudbuildFiles(resources).map(({ file, text }) => ({ file: path.join(dir, file), data: text }));
    const removeCreated = ensureDirectory(dir);
    try {
        replaceFiles(files);
    } catch (error) {
        removeCreated();
        throw error;
    }
    return files.map(({ file }) => file);
}
