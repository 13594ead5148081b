/** Cloud Run v2 services: what runs (pinned, own registry, own identity), with which env, traffic and CORS. */
import { disallowDefaultServiceAccount } from "./service/disallowDefaultServiceAccount";
import { disallowPlainSecretEnv } from "./service/disallowPlainSecretEnv";
import { enableDeletionProtection } from "./service/enableDeletionProtection";
import { enforceCorsOrigins } from "./service/enforceCorsOrigins";
import { enforceDigestImage } from "./service/enforceDigestImage";
import { enforceProjectRegistryImage } from "./service/enforceProjectRegistryImage";
import { enforceTrafficTotal } from "./service/enforceTrafficTotal";
import { missingStartupProbe } from "./service/missingStartupProbe";
export { CLOUD_RUN_SERVICE } from "./support";

export { disallowDefaultServiceAccount, disallowPlainSecretEnv, enableDeletionProtection, enforceCorsOrigins, enforceDigestImage, enforceProjectRegistryImage, enforceTrafficTotal, missingStartupProbe };

/** Every Cloud Run policy, in the order the pack reports them. */
export const cloudRunPolicies = [enforceDigestImage, enforceProjectRegistryImage, disallowDefaultServiceAccount, disallowPlainSecretEnv, enforceTrafficTotal, enableDeletionProtection, missingStartupProbe, enforceCorsOrigins];
