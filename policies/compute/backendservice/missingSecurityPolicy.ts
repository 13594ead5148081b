import { known, stackPolicy, UNKNOWN } from "../../support/policy";
import { BACKEND_SERVICE, backendSubject, referencedName, SECURITY_POLICY } from "../support";

export const missingSecurityPolicy = stackPolicy({
    name: "compute-backendservice-missing-security-policy",
    description: "Every backend service of the load balancer has a Cloud Armor security policy, one the same stack declares.",
    enforcementLevel: "mandatory",
    check: (resources, _args, report) => {
        const policies = resources.filter((resource) => resource.type === SECURITY_POLICY).map((policy) => known(() => policy.props.name as string));
        for (const backend of resources.filter((resource) => resource.type === BACKEND_SERVICE)) {
            const reference = known(() => backend.props.securityPolicy as string | undefined);
            if (reference === UNKNOWN) {
                continue;
            }
            if (!reference) {
                report(`${backendSubject(backend.name)} has no Cloud Armor security policy, so no WAF rule or rate limit sees the requests it serves; attach its service's policy (securityPolicy).`, backend.urn);
            } else if (!policies.includes(UNKNOWN) && !policies.includes(referencedName(reference))) {
                report(`${backendSubject(backend.name)} names security policy "${reference}", which this stack does not declare; attach a policy of this stack, whose rules the pack checks.`, backend.urn);
            }
        }
    },
});
