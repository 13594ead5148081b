/** Cloud Build triggers: prod waits for a person, every build has its own identity, no tag ever moves. */
import { disallowFloatingTags } from "./trigger/disallowFloatingTags";
import { enforceDedicatedServiceAccount } from "./trigger/enforceDedicatedServiceAccount";
import { enforceProdApproval } from "./trigger/enforceProdApproval";
export { TRIGGER } from "./support";

export { disallowFloatingTags, enforceDedicatedServiceAccount, enforceProdApproval };

/** Every Cloud Build policy, in the order the pack reports them. */
export const cloudBuildPolicies = [enforceProdApproval, enforceDedicatedServiceAccount, disallowFloatingTags];
