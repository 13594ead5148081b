/** Cloud Run v2 services and jobs: what runs (pinned, own registry, attested, own identity), with which env, traffic and CORS. */
import { enableBinaryAuthorization as enableJobBinaryAuthorization } from "./job/enableBinaryAuthorization";
import { disallowDefaultServiceAccount } from "./service/disallowDefaultServiceAccount";
import { disallowPlainSecretEnv } from "./service/disallowPlainSecretEnv";
import { enableBinaryAuthorization } from "./service/enableBinaryAuthorization";
import { enableDeletionProtection } from "./service/enableDeletionProtection";
import { enforceCorsOrigins } from "./service/enforceCorsOrigins";
import { enforceDigestImage } from "./service/enforceDigestImage";
import { enforceProjectRegistryImage } from "./service/enforceProjectRegistryImage";
import { enforceTrafficTotal } from "./service/enforceTrafficTotal";
import { missingStartupProbe } from "./service/missingStartupProbe";
export { CLOUD_RUN_JOB, CLOUD_RUN_SERVICE } from "./support";

export {
    disallowDefaultServiceAccount,
    disallowPlainSecretEnv,
    enableBinaryAuthorization,
    enableDeletionProtection,
    enableJobBinaryAuthorization,
    enforceCorsOrigins,
    enforceDigestImage,
    enforceProjectRegistryImage,
    enforceTrafficTotal,
    missingStartupProbe,
};

/** Every Cloud Run policy, in the order the pack reports them. */
export const cloudRunPolicies = [
    enforceDigestImage,
    enforceProjectRegistryImage,
    enableBinaryAuthorization,
    enableJobBinaryAuthorization,
    disallowDefaultServiceAccount,
    disallowPlainSecretEnv,
    enforceTrafficTotal,
    enableDeletionProtection,
    missingStartupProbe,
    enforceCorsOrigins,
];
