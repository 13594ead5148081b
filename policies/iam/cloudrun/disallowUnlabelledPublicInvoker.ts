import { grantsOf, isPublicMember } from "../../support/iamGrants";
import { known, matchesType, stackPolicy, UNKNOWN } from "../../support/policy";
import { CLOUD_RUN_SERVICES, CLOUD_RUN_IAM, publicLabelProblem, lastSegment } from "../support";

export const disallowUnlabelledPublicInvoker = stackPolicy({
    name: "iam-cloudrun-disallow-unlabelled-public-invoker",
    description: "Only Cloud Run services labelled public=true in the same stack grant anything to allUsers or allAuthenticatedUsers.",
    enforcementLevel: "mandatory",
    check: (resources, _args, report) => {
        const services = resources.filter((resource) => CLOUD_RUN_SERVICES.includes(resource.type));
        for (const grant of resources) {
            const serviceProperty = CLOUD_RUN_IAM.find((iam) => matchesType(iam.types, grant.type))?.serviceProperty;
            if (serviceProperty === undefined) {
                continue;
            }
            const publicGrants = known(() => grantsOf(grant.type, grant.props).filter((entry) => isPublicMember(entry.member)));
            const target = known(() => lastSegment(grant.props[serviceProperty]));
            if (publicGrants === UNKNOWN || publicGrants.length === 0 || target === UNKNOWN) {
                continue;
            }
            const problem = publicLabelProblem(services, target);
            for (const { role, member } of problem ? publicGrants : []) {
                report(`IAM grant "${grant.name}" gives ${typeof role === "string" ? role : "a role"} to ${String(member)} on Cloud Run service "${target}", ${problem}`, grant.urn);
            }
        }
    },
});
