/** Compute Engine's load balancing: every backend behind a Cloud Armor policy, and prod's policies enforcing the WAF. */
import { missingSecurityPolicy } from "./backendservice/missingSecurityPolicy";
import { enforceWafRules } from "./securitypolicy/enforceWafRules";
export { BACKEND_SERVICE, REQUIRED_WAF_RULE_SETS, SECURITY_POLICY } from "./support";

export { enforceWafRules, missingSecurityPolicy };

/** Every compute policy, in the order the pack reports them. */
export const computePolicies = [missingSecurityPolicy, enforceWafRules];
