import { grantsOf, IAM_TYPES } from "../../support/iamGrants";
import { resourcePolicy } from "../../support/policy";
import { BASIC_ROLES, memberText } from "../support";

export const disallowBasicRoles = resourcePolicy({
    name: "iam-member-disallow-basic-roles",
    description: "No IAM grant gives the basic roles roles/owner, roles/editor or roles/viewer, which reach every service at once.",
    enforcementLevel: "mandatory",
    types: IAM_TYPES,
    check: (props, args, report) => {
        for (const { role, member } of grantsOf(args.type, props)) {
            if (typeof role === "string" && BASIC_ROLES.includes(role)) {
                report(`IAM grant "${args.name}" gives the basic role ${role} to ${memberText(member)}; grant a predefined role that covers only what the member needs.`);
            }
        }
    },
});
