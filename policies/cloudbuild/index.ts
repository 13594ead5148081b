/** Cloud Build triggers: prod waits for a person, every build has its own identity and verified provenance, no tag ever moves. */
import { disallowFloatingTags } from "./trigger/disallowFloatingTags";
import { enforceDedicatedServiceAccount } from "./trigger/enforceDedicatedServiceAccount";
import { enforceProdApproval } from "./trigger/enforceProdApproval";
import { enforceVerifiedProvenance } from "./trigger/enforceVerifiedProvenance";
export { TRIGGER } from "./support";

export { disallowFloatingTags, enforceDedicatedServiceAccount, enforceProdApproval, enforceVerifiedProvenance };

/** Every Cloud Build policy, in the order the pack reports them. */
export const cloudBuildPolicies = [enforceProdApproval, enforceDedicatedServiceAccount, enforceVerifiedProvenance, disallowFloatingTags];
