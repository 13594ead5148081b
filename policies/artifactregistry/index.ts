/** Artifact Registry: the one repository every stack pulls from stays immutable and private. */
import { disallowPublicReaders } from "./repository/disallowPublicReaders";
import { enableImmutableTags } from "./repository/enableImmutableTags";
export { REPOSITORY, REPOSITORY_IAM } from "./support";

export { disallowPublicReaders, enableImmutableTags };

/** Every Artifact Registry policy, in the order the pack reports them. */
export const artifactRegistryPolicies = [enableImmutableTags, disallowPublicReaders];
