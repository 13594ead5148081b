/** The stack as a whole: one environment, said by every Google Cloud resource that can carry labels. */
import { enforceEnvironmentLabel } from "./resources/enforceEnvironmentLabel";

export { enforceEnvironmentLabel };

/** Every stack-wide policy, in the order the pack reports them. */
export const stackPolicies = [enforceEnvironmentLabel];
