/** The role grants a Google Cloud IAM resource makes, whichever of the member, binding or policy forms it takes. */
import { known, knownItems, type Props, type Unknown } from "./policy";

/** Every `*IamMember`, `*IamBinding` and `*IamPolicy` type of the Google Cloud provider (any casing of "Iam"). */
export const IAM_TYPES = /^gcp:[A-Za-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]*(?:IamMember|IAMMember|IamBinding|IAMBinding|IamPolicy|IAMPolicy)$/;

/** Grants that apply to a whole project, folder or organization rather than to one resource. */
export const PROJECT_LEVEL_IAM_TYPES = /^gcp:(projects|folder|organizations)\/[A-Za-z0-9]+:IAM(Member|Binding|Policy)$/;

/** Members that mean "anyone on the internet" (or anyone with any Google account). */
export const PUBLIC_MEMBERS: readonly string[] = ["allUsers", "allAuthenticatedUsers"];

/** One role given to one member; either may be unknown during preview (a new service account's email, say). */
export interface Grant {
    role: string | Unknown;
    member: string | Unknown;
}

/**
 * `role` + `member` of an `*IamMember`, `role` x `members` of an `*IamBinding`, every binding in an `*IamPolicy`'s
 * `policyData`. An unknown `policyData` or `members` list throws the engine's unknown error: nothing is provable.
 */
export function grantsOf(type: string, props: Props): Grant[] {
    if (/Member$/i.test(type)) {
        return [{ role: known(() => props.role as string), member: known(() => props.member as string) }];
    }
    if (/Binding$/i.test(type)) {
        const role = known(() => props.role as string);
        return knownItems<string>(props.members).map((member) => ({ role, member }));
    }
    return policyDataGrants(props.policyData);
}

export function isPublicMember(member: string | Unknown): boolean {
    return typeof member === "string" && PUBLIC_MEMBERS.includes(member);
}

/** `policyData` is the JSON text of an IAM policy: `{"bindings":[{"role","members":[...]}]}`. */
function policyDataGrants(policyData: unknown): Grant[] {
    if (typeof policyData !== "string") {
        return [];
    }
    let policy: { bindings?: Array<{ role?: unknown; members?: unknown }> };
    try {
        policy = JSON.parse(policyData);
    } catch {
        return [];
    }
    return (policy.bindings ?? []).flatMap((binding) =>
        typeof binding.role === "string" ? knownItems<string>(binding.members).map((member) => ({ role: binding.role as string, member })) : [],
    );
}
