/** Artifact Registry: the one repository every stack pulls from stays immutable, private and scanned. */
import { disallowPublicReaders } from "./repository/disallowPublicReaders";
import { enableImmutableTags } from "./repository/enableImmutableTags";
import { enableVulnerabilityScanning } from "./repository/enableVulnerabilityScanning";
export { REPOSITORY, REPOSITORY_IAM } from "./support";

export { disallowPublicReaders, enableImmutableTags, enableVulnerabilityScanning };

/** Every Artifact Registry policy, in the order the pack reports them. */
export const artifactRegistryPolicies = [enableImmutableTags, disallowPublicReaders, enableVulnerabilityScanning];
