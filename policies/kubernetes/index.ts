/** Kubernetes workloads: pinned images pulled as pinned, hardened containers, credentials only by reference. */
import { disallowPlainSecretEnv } from "./workload/disallowPlainSecretEnv";
import { enforceDigestImage } from "./workload/enforceDigestImage";
import { enforceNonRootReadOnly } from "./workload/enforceNonRootReadOnly";
import { enforcePullIfNotPresent } from "./workload/enforcePullIfNotPresent";
export { WORKLOAD_TYPES } from "./support";

export { disallowPlainSecretEnv, enforceDigestImage, enforceNonRootReadOnly, enforcePullIfNotPresent };

/** Every Kubernetes policy, in the order the pack reports them. */
export const kubernetesPolicies = [enforceDigestImage, enforcePullIfNotPresent, enforceNonRootReadOnly, disallowPlainSecretEnv];
