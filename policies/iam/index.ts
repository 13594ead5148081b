/** IAM grants: no basic roles, no project-wide impersonation, no public access to a service not labelled public. */
import { disallowBasicRoles } from "./member/disallowBasicRoles";
import { disallowServiceAccountImpersonation } from "./project/disallowServiceAccountImpersonation";
import { disallowUnlabelledPublicInvoker } from "./cloudrun/disallowUnlabelledPublicInvoker";

export { disallowBasicRoles, disallowServiceAccountImpersonation, disallowUnlabelledPublicInvoker };

/** Every IAM policy, in the order the pack reports them. */
export const iamPolicies = [disallowBasicRoles, disallowServiceAccountImpersonation, disallowUnlabelledPublicInvoker];
