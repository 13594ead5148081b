import { grantsOf, PROJECT_LEVEL_IAM_TYPES } from "../../support/iamGrants";
import { resourcePolicy } from "../../support/policy";
import { IMPERSONATION_ROLES, memberText, scopeOf } from "../support";

export const disallowServiceAccountImpersonation = resourcePolicy({
    name: "iam-project-disallow-service-account-impersonation",
    description: "No project-, folder- or organization-level grant of iam.serviceAccountUser or iam.serviceAccountTokenCreator, which would allow acting as every service account.",
    enforcementLevel: "mandatory",
    types: PROJECT_LEVEL_IAM_TYPES,
    check: (props, args, report) => {
        for (const { role, member } of grantsOf(args.type, props)) {
            if (typeof role === "string" && IMPERSONATION_ROLES.includes(role)) {
                report(
                    `IAM grant "${args.name}" gives ${role} to ${memberText(member)} on the whole ${scopeOf(args.type)}, which lets it act as every service account there; ` +
                        `grant the role on the one service account it needs instead (gcp.serviceaccount.IAMMember).`,
                );
            }
        }
    },
});
