/** Runs single policies the way the engine does (unknown-checking proxy, config defaults, notApplicable). */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { resourceOptions, runResourcePolicy, runStackPolicy, type CheckedResource, type Outcome } from "../../offline/policyCheck";

// The sentinels the engine puts where a value is unknown during preview (internal to @pulumi/policy, so untyped).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as Record<string, string>;

/** Values unknown during preview, by kind, as the policy server deserializes them. */
export const unknown = {
    string: proxy.unknownStringValue,
    number: proxy.unknownNumberValue,
    boolean: proxy.unknownBooleanValue,
    array: proxy.unknownArrayValue,
    object: proxy.unknownObjectValue,
};

export type Props = Record<string, any>;

/** A resource of `type` named `name` with `props`, as a policy sees it in a stack called `test`. */
export function resource(type: string, name: string, props: Props): CheckedResource {
    return { type, name, props, urn: `urn:pulumi:test::bilko::${type}::${name}`, custom: true, opts: resourceOptions(), dependsOn: [] };
}

/** What `policy` says about one resource; the name in messages is always `subject`. */
export function checkResource(policy: ResourceValidationPolicy, type: string, props: Props, config?: Record<string, unknown>): Promise<Outcome> {
    return runResourcePolicy(policy, resource(type, "subject", props), config);
}

/** The violation messages `policy` reports on a resource it applies to; fails if it declared itself not applicable. */
export async function violations(policy: ResourceValidationPolicy, type: string, props: Props, config?: Record<string, unknown>): Promise<string[]> {
    const outcome = await checkResource(policy, type, props, config);
    if (outcome.notApplicable !== undefined) {
        throw new Error(`${policy.name} was not applicable: ${outcome.notApplicable}`);
    }
    return outcome.violations.map((violation) => violation.message);
}

/** What a stack policy says about `resources`: each violation as `<resource name>: <message>`. */
export async function stackViolations(policy: StackValidationPolicy, resources: CheckedResource[]): Promise<string[]> {
    const outcome = await runStackPolicy(policy, resources);
    if (outcome.notApplicable !== undefined) {
        throw new Error(`${policy.name} was not applicable: ${outcome.notApplicable}`);
    }
    const names = new Map(resources.map((entry) => [entry.urn, entry.name]));
    return outcome.violations.map((violation) => `${violation.urn ? names.get(violation.urn) : "(stack)"}: ${violation.message}`);
}

/** A fresh baseline with one edit applied: how each test breaks exactly one property. */
export function mutated<T>(baseline: () => T, edit: (value: T) => void): T {
    const value = baseline();
    edit(value);
    return value;
}
