import { grantsOf, isPublicMember } from "../../support/iamGrants";
import { resourcePolicy } from "../../support/policy";
import { REPOSITORY_IAM } from "../support";

export const disallowPublicReaders = resourcePolicy({
    name: "artifactregistry-repository-disallow-public-readers",
    description: "Artifact Registry repositories grant nothing to allUsers or allAuthenticatedUsers.",
    enforcementLevel: "mandatory",
    types: REPOSITORY_IAM,
    check: (props, args, report) => {
        for (const { role, member } of grantsOf(args.type, props)) {
            if (isPublicMember(member)) {
                const what = typeof role === "string" ? role : "a role";
                report(
                    `Artifact Registry grant "${args.name}" gives ${what} to ${String(member)}, which makes the repository public; ` +
                        `grant access only to the identities that pull images (service accounts of Cloud Run and Cloud Build).`,
                );
            }
        }
    },
});
