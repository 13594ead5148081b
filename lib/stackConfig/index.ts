/**
 * The stack configuration contract. This folder is the one module that knows the `bilko:` key names: it decodes what
 * Pulumi hands the program, validates the whole object and returns a typed `StackConfig`, or refuses with one
 * line naming the file and the key path. Nothing is declared before this succeeds.
 */
import { StackConfigError } from "./errors";
import { describeIssue, firstIssue, issuePath, keyPath } from "./issues";
import { stackFileName } from "./keys";
import { crossFieldProblem } from "./rules";
import { BILKO_KEYS, schema, STRING_KEYS, type Environment, type KubernetesConfig, type PipelineConfig, type PostgresConfig, type RawConfig, type Release, type ServiceConfig } from "./schema";
import { closest } from "../suggest";

export { StackConfigError } from "./errors";
export { KEYS, releaseKey, serviceDigestKey, serviceDigestPath, serviceKey, stackFileName } from "./keys";
export { repositoryLocationOf, secretsKeyOf, stateBucketOf } from "./pipelineResources";
export { ENVIRONMENTS, RELEASE_KINDS, RUNTIMES, type Environment, type KubernetesConfig, type Runtime, type PipelineConfig, type PostgresConfig, type Release, type ReleaseKind, type ServiceConfig } from "./schema";

export interface StackConfig {
    /** Stack name, and the file the values came from (used in every error message). */
    stack: string;
    file: string;
    project: string;
    region: string;
    environment: Environment;
    upstream?: string;
    organization?: string;
    sharedResources: boolean;
    registry: RawConfig["bilko:registry"];
    postgres: PostgresConfig;
    dns: RawConfig["bilko:dns"];
    services: Record<string, ServiceConfig>;
    rollout: RawConfig["bilko:rollout"];
    promotion: RawConfig["bilko:promotion"];
    releases: Release[];
    pipeline?: PipelineConfig;
    kubernetes?: KubernetesConfig;
}

export interface StackIdentity {
    /** Stack name, e.g. `prod`. */
    stack: string;
    /** File named in error messages; defaults to `Pulumi.<stack>.yaml`. */
    file?: string;
    /** Stacks that exist in the project, for checking `bilko:upstream`. */
    knownStacks: readonly string[];
}

/**
 * Turns Pulumi's flat string map (`pulumi.runtime.allConfig()`) into typed values: structured keys are JSON text,
 * plain keys stay strings. Keys outside `gcp:project`, `gcp:region` and `bilko:` are not ours and are dropped.
 */
export function decodePulumiConfig(flat: Record<string, string>): Record<string, unknown> {
    const decoded: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(flat)) {
        if (!key.startsWith("bilko:") && !STRING_KEYS.has(key)) {
            continue;
        }
        decoded[key] = STRING_KEYS.has(key) ? text : parseJsonOrKeep(text);
    }
    return decoded;
}

/** The inverse, used by the offline plan so it feeds the program exactly what Pulumi would. */
export function encodePulumiConfig(values: Record<string, unknown>): Record<string, string> {
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
        flat[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return flat;
}

function parseJsonOrKeep(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** Validates a whole stack's values; throws `StackConfigError` naming the first problem. */
export function parseStackConfig(values: Record<string, unknown>, identity: StackIdentity): StackConfig {
    const file = identity.file ?? stackFileName(identity.stack);
    refuseUnknownTopLevelKeys(values, file);
    const parsed = schema.safeParse(values, { reportInput: true });
    if (!parsed.success) {
        const issue = firstIssue(parsed.error.issues);
        throw new StackConfigError(file, keyPath(issuePath(issue)), describeIssue(issue));
    }
    const config = toStackConfig(parsed.data, identity.stack, file);
    const problem = crossFieldProblem(config, identity.knownStacks);
    if (problem) {
        throw new StackConfigError(file, problem.key, problem.reason);
    }
    return config;
}

function refuseUnknownTopLevelKeys(values: Record<string, unknown>, file: string): void {
    for (const key of Object.keys(values)) {
        if (key.startsWith("bilko:") && !BILKO_KEYS.includes(key)) {
            const suggestion = closest(key, BILKO_KEYS);
            throw new StackConfigError(file, key, `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`);
        }
    }
}

function toStackConfig(raw: RawConfig, stack: string, file: string): StackConfig {
    return {
        stack,
        file,
        project: raw["gcp:project"],
        region: raw["gcp:region"],
        environment: raw["bilko:environment"],
        upstream: raw["bilko:upstream"],
        organization: raw["bilko:organization"],
        sharedResources: raw["bilko:sharedResources"],
        registry: raw["bilko:registry"],
        postgres: raw["bilko:postgres"],
        dns: raw["bilko:dns"],
        services: raw["bilko:services"],
        rollout: raw["bilko:rollout"],
        promotion: raw["bilko:promotion"],
        releases: raw["bilko:releases"],
        pipeline: raw["bilko:pipeline"],
        kubernetes: raw["bilko:kubernetes"],
    };
}
