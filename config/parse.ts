/** Validation of a whole stack's values: the schema, then the rules that span keys. */
import { closest, PROTOTYPE_KEY_REASON, prototypeKeyPath } from "../common";
import { StackConfigError } from "./errors";
import { describeIssue, firstIssue, issuePath, keyPath } from "./issues";
import { stackFileName } from "./project";
import { crossFieldProblem } from "./rules";
import { secureValueProblem } from "./rules/secureValues";
import { BILKO_KEYS, schema, type RawConfig } from "./schema";
import type { StackConfig, StackIdentity } from "./types";

/** Validates a whole stack's values; throws `StackConfigError` naming the first problem. */
export function parseStackConfig(values: Record<string, unknown>, identity: StackIdentity): StackConfig {
    const file = identity.file ?? stackFileName(identity.stack);
    const prototypeKey = prototypeKeyPath(values);
    if (prototypeKey) {
        throw new StackConfigError(file, keyPath(prototypeKey), PROTOTYPE_KEY_REASON);
    }
    refuseUnknownTopLevelKeys(values, file);
    const secure = secureValueProblem(identity.securePaths ?? []);
    if (secure) {
        throw new StackConfigError(file, secure.key, secure.reason);
    }
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
        edge: raw["bilko:edge"],
        rollout: raw["bilko:rollout"],
        promotion: raw["bilko:promotion"],
        releases: raw["bilko:releases"],
        pipeline: raw["bilko:pipeline"],
        kubernetes: raw["bilko:kubernetes"],
        network: raw["bilko:network"],
        binaryAuthorization: raw["bilko:binaryAuthorization"],
        smoke: raw["bilko:smoke"],
        smokePassed: raw["bilko:smokePassed"],
        notifications: raw["bilko:notifications"],
    };
}
