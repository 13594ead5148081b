/**
 * The small helper every bilko policy is built with: type matching by token string, "not applicable" for other
 * types, and values that are unknown during `pulumi preview` turned into "cannot be checked" instead of a crash or
 * a violation nobody can prove. Type-only imports, so loading a policy module stays cheap for the offline plan.
 */
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

/** Resource properties as a policy sees them: plain JSON, with unknown values guarded by the engine's proxy. */
export type Props = Record<string, any>;

/** Type tokens such as `"gcp:cloudrunv2/service:Service"`, or a pattern over them (e.g. every `*IamMember`). */
export type TypeMatch = readonly string[] | RegExp;

/** Marks a value that is unknown until the update runs (computed by the cloud, or derived from such a value). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

interface PolicyMetadata {
    /** `<service>-<resource>-<verb>-<what>`, verb one of missing|disallow|enable|disable|configure|enforce. */
    name: string;
    /** One sentence. */
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
}

export interface ResourcePolicySpec extends PolicyMetadata {
    /** Resources this policy applies to; every other type is reported not applicable. */
    types: TypeMatch;
    /** Reports each violation with a message naming what is wrong, on which resource, and how to fix it. */
    check: (props: Props, args: ResourceValidationArgs, report: (message: string) => void) => void;
}

export interface StackPolicySpec extends PolicyMetadata {
    /** `urn` names the offending resource; omit it for a violation of the stack as a whole. */
    check: (resources: PolicyResource[], args: StackValidationArgs, report: (message: string, urn?: string) => void) => void;
}

/** Whether `type` is one of `types`. */
export function matchesType(types: TypeMatch, type: string): boolean {
    return Array.isArray(types) ? types.includes(type) : (types as RegExp).test(type);
}

/**
 * A resource policy that checks only resources of `types`. If the check reads a value that is unknown during
 * preview, the policy is reported not applicable (naming the property); violations found before that still stand.
 */
export function resourcePolicy(spec: ResourcePolicySpec): ResourceValidationPolicy {
    const { types, check, ...metadata } = spec;
    return {
        ...metadata,
        validateResource: (args, reportViolation) => {
            if (!matchesType(types, args.type)) {
                args.notApplicable(`applies only to ${describeTypes(types)}`);
            }
            whileKnown(args, () => check(args.props, args, (message) => reportViolation(message)));
        },
    };
}

/** A stack policy; like `resourcePolicy`, an unknown value makes it not applicable rather than crash. */
export function stackPolicy(spec: StackPolicySpec): StackValidationPolicy {
    const { check, ...metadata } = spec;
    return {
        ...metadata,
        validateStack: (args, reportViolation) => whileKnown(args, () => check(args.resources, args, reportViolation)),
    };
}

/** `read()`, or `UNKNOWN` when it touches a value unknown during preview; lets one unknown skip one item, not all. */
export function known<T>(read: () => T): T | Unknown {
    try {
        return read();
    } catch (error) {
        if (isUnknownValueError(error)) {
            return UNKNOWN;
        }
        throw error;
    }
}

/** Each item of `list` (`[]` when it is not an array), with items unknown during preview as `UNKNOWN`. */
export function knownItems<T = any>(list: unknown): Array<T | Unknown> {
    if (!Array.isArray(list)) {
        return [];
    }
    // Indexing one by one: map or for-of would read every item first and stop at the first unknown one.
    return Array.from({ length: list.length }, (_, index) => known(() => list[index] as T));
}

/**
 * The engine's proxy throws `UnknownValueError` on reading an unknown value. Its class is internal to
 * @pulumi/policy (absent from the typings), so it is recognised by shape rather than imported.
 */
export function isUnknownValueError(error: unknown): error is Error & { props: PropertyKey[] } {
    return error instanceof Error && "unknownTypeSentinel" in error && Array.isArray((error as { props?: unknown }).props);
}

function whileKnown(args: { notApplicable(reason?: string): never }, check: () => void): void {
    try {
        check();
    } catch (error) {
        if (isUnknownValueError(error)) {
            args.notApplicable(`cannot be checked yet: ${error.message}`);
        }
        throw error;
    }
}

function describeTypes(types: TypeMatch): string {
    return Array.isArray(types) ? types.join(", ") : `types matching ${String(types)}`;
}
