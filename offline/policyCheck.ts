/**
 * Runs policy modules against an offline `StackPlan` the way the Pulumi engine runs a policy pack: each resource
 * policy on each resource (inputs as `props`, wrapped in the engine's unknown-checking proxy), each stack policy
 * over all resources, with `getConfig` honouring configSchema defaults and `notApplicable` understood. It never
 * loads the PolicyPack itself, which would start a gRPC server.
 */
import type {
    EnforcementLevel,
    Policies,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { StackPlan } from "./evaluate";

// The engine's own proxy (internal to @pulumi/policy, so untyped); the module is tiny and loads nothing else.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T extends object>(props: T) => T };

export interface Violation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    /** Resource name, or `(stack)` for a violation of the stack as a whole. */
    resource: string;
    message: string;
}

/** Like a `--policy-pack-config` file: per policy name, an enforcement level and/or configSchema properties. */
export type PackConfig = Record<string, { enforcementLevel?: EnforcementLevel } & Record<string, unknown>>;

/** A resource as a policy sees it. */
export interface CheckedResource {
    type: string;
    name: string;
    props: Record<string, any>;
    urn: string;
    /** `false` for component resources, which only stack policies see. */
    custom: boolean;
    opts: PolicyResourceOptions;
    /** Resources this one depends on, by URN. */
    dependsOn: string[];
}

/** What one policy said about one resource (or one stack). */
export interface Outcome {
    violations: Array<{ message: string; urn?: string }>;
    /** Set when the policy declared itself not applicable, with its reason. */
    notApplicable?: string;
}

class NotApplicable extends Error {
    constructor(readonly reason: string) {
        super(reason);
    }
}

const STACK = "(stack)";

/** Every violation of `policies` in `plan`: resource policies per resource, in registration order, then stack policies. */
export async function checkStack(plan: StackPlan, policies: Policies, packConfig: PackConfig = {}): Promise<Violation[]> {
    const resources = checkedResources(plan);
    const nameOf = new Map(resources.map((resource) => [resource.urn, resource.name]));
    const active = policies.filter((policy) => levelOf(policy, packConfig) !== "disabled");
    const violations: Violation[] = [];
    const record = (policy: Policies[number], outcome: Outcome, fallback: string) => {
        for (const { message, urn } of outcome.violations) {
            const resource = (urn && nameOf.get(urn)) || fallback;
            violations.push({ policy: policy.name, enforcementLevel: levelOf(policy, packConfig), resource, message });
        }
    };
    for (const resource of resources.filter((candidate) => candidate.custom)) {
        for (const policy of active.filter(isResourcePolicy)) {
            record(policy, await runResourcePolicy(policy, resource, packConfig[policy.name]), resource.name);
        }
    }
    for (const policy of active.filter(isStackPolicy)) {
        record(policy, await runStackPolicy(policy, resources, packConfig[policy.name]), STACK);
    }
    return violations;
}

/** Runs one resource policy on one resource. `config` is the policy's pack config, over its schema's defaults. */
export async function runResourcePolicy(policy: ResourceValidationPolicy, resource: CheckedResource, config: Record<string, unknown> = {}): Promise<Outcome> {
    const outcome: Outcome = { violations: [] };
    const validations = policy.validateResource === undefined ? [] : [policy.validateResource].flat();
    const props = unknownCheckingProxy(resource.props);
    const args: ResourceValidationArgs = {
        type: resource.type,
        props,
        urn: resource.urn,
        name: resource.name,
        opts: resource.opts,
        stackTags: new Map(),
        isType: (resourceClass) => pulumiTypeOf(resourceClass) === resource.type,
        asType: (resourceClass) => (pulumiTypeOf(resourceClass) === resource.type ? (props as never) : undefined),
        getConfig: <T extends object>() => configWithDefaults(policy, config) as T,
        notApplicable: throwNotApplicable,
    };
    for (const validate of validations) {
        await settle(outcome, () => validate(args, reporterFor(outcome)));
    }
    return outcome;
}

/** Runs one stack policy over every resource of a stack. */
export async function runStackPolicy(policy: StackValidationPolicy, resources: CheckedResource[], config: Record<string, unknown> = {}): Promise<Outcome> {
    const outcome: Outcome = { violations: [] };
    const args: StackValidationArgs = {
        resources: policyResources(resources),
        stackTags: new Map(),
        getConfig: <T extends object>() => configWithDefaults(policy, config) as T,
        notApplicable: throwNotApplicable,
    };
    await settle(outcome, () => policy.validateStack(args, reporterFor(outcome)));
    return outcome;
}

/** A mandatory violation refuses the stack; advisory ones are only shown. */
export function refuses(violations: readonly Violation[]): boolean {
    return violations.some((violation) => violation.enforcementLevel === "mandatory");
}

/** `policy  level  resource  message`, one line per violation, columns aligned. */
export function violationLines(violations: readonly Violation[]): string[] {
    const rows = violations.map((violation) => [violation.policy, violation.enforcementLevel, violation.resource, violation.message]);
    const widths = [0, 1, 2].map((column) => Math.max(0, ...rows.map((row) => row[column].length)));
    return rows.map((row) => [...row.slice(0, 3).map((cell, column) => cell.padEnd(widths[column])), row[3]].join("  "));
}

/** The plan's resources as policies see them, with the URNs the engine gave them. */
export function checkedResources(plan: StackPlan): CheckedResource[] {
    return plan.resources.map((resource) => ({
        type: resource.type,
        name: resource.name,
        props: resource.inputs,
        urn: resource.urns.self,
        custom: resource.custom,
        opts: resourceOptions({ protect: resource.options.protect, parent: resource.urns.parent }),
        dependsOn: resource.urns.dependsOn,
    }));
}

/** Options as the engine reports them, defaults filled in. */
export function resourceOptions(options: { protect?: boolean; parent?: string } = {}): PolicyResourceOptions {
    return {
        protect: options.protect ?? false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(options.parent ? { parent: options.parent } : {}),
    };
}

function policyResources(resources: CheckedResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    for (const resource of resources) {
        const props = unknownCheckingProxy(resource.props);
        byUrn.set(resource.urn, {
            type: resource.type,
            name: resource.name,
            urn: resource.urn,
            props,
            opts: resource.opts,
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => pulumiTypeOf(resourceClass) === resource.type,
            asType: (resourceClass) => (pulumiTypeOf(resourceClass) === resource.type ? (props as never) : undefined),
        });
    }
    for (const resource of resources) {
        const policyResource = byUrn.get(resource.urn)!;
        policyResource.parent = resource.opts.parent ? byUrn.get(resource.opts.parent) : undefined;
        policyResource.dependencies = resource.dependsOn.flatMap((urn) => byUrn.get(urn) ?? []);
    }
    return [...byUrn.values()];
}

function levelOf(policy: Policies[number], packConfig: PackConfig): EnforcementLevel {
    const level = packConfig[policy.name]?.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
    return level === "remediate" ? "mandatory" : level;
}

/** The schema's defaults under the configured values, as the Pulumi CLI hands a policy its config. */
function configWithDefaults(policy: Policies[number], config: Record<string, unknown>): Record<string, unknown> {
    const defaults = Object.entries(policy.configSchema?.properties ?? {}).flatMap(([key, schema]) => ("default" in schema ? [[key, schema.default]] : []));
    const configured = Object.entries(config).filter(([key]) => key !== "enforcementLevel");
    return { ...Object.fromEntries(defaults), ...Object.fromEntries(configured) };
}

function reporterFor(outcome: Outcome): ReportViolation {
    return (message, urn) => outcome.violations.push(urn === undefined ? { message } : { message, urn });
}

async function settle(outcome: Outcome, validate: () => Promise<void> | void): Promise<void> {
    try {
        await validate();
    } catch (error) {
        if (!(error instanceof NotApplicable)) {
            throw error;
        }
        outcome.notApplicable = error.reason;
    }
}

/** Thrown for most policy-resource pairs, so built without a stack trace: capturing one costs more than the check. */
function throwNotApplicable(reason?: string): never {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    const error = new NotApplicable(reason ?? "not applicable");
    Error.stackTraceLimit = limit;
    throw error;
}

function isResourcePolicy(policy: Policies[number]): policy is ResourceValidationPolicy {
    return !("validateStack" in policy);
}

function isStackPolicy(policy: Policies[number]): policy is StackValidationPolicy {
    return "validateStack" in policy;
}

/** Provider classes carry their type token as a static `__pulumiType`. */
function pulumiTypeOf(resourceClass: unknown): string | undefined {
    return (resourceClass as { __pulumiType?: string }).__pulumiType;
}
