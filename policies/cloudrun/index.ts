/** Cloud Run: what services and jobs run (pinned, own registry, attested, own identity), with which env, traffic, CORS and ingress; domain mappings. */
import { disallowInProd } from "./domainmapping/disallowInProd";
import { enableBinaryAuthorization as enableJobBinaryAuthorization } from "./job/enableBinaryAuthorization";
import { disallowDefaultServiceAccount } from "./service/disallowDefaultServiceAccount";
import { disallowPlainSecretEnv } from "./service/disallowPlainSecretEnv";
import { disallowPublicIngress } from "./service/disallowPublicIngress";
import { enableBinaryAuthorization } from "./service/enableBinaryAuthorization";
import { enableDeletionProtection } from "./service/enableDeletionProtection";
import { enforceCorsOrigins } from "./service/enforceCorsOrigins";
import { enforceDigestImage } from "./service/enforceDigestImage";
import { enforceProjectRegistryImage } from "./service/enforceProjectRegistryImage";
import { enforceTrafficTotal } from "./service/enforceTrafficTotal";
import { missingStartupProbe } from "./service/missingStartupProbe";
export { CLOUD_RUN_JOB, CLOUD_RUN_SERVICE, DOMAIN_MAPPING } from "./support";

export {
    disallowDefaultServiceAccount,
    disallowInProd,
    disallowPlainSecretEnv,
    disallowPublicIngress,
    enableBinaryAuthorization,
    enableDeletionProtection,
    enableJobBinaryAuthorization,
    enforceCorsOrigins,
    enforceDigestImage,
    enforceProjectRegistryImage,
    enforceTrafficTotal,
    missingStartupProbe,
};

/** The policies of Cloud Run services (resource and stack policies). */
export const cloudRunServicePolicies = [
    enforceDigestImage,
    enforceProjectRegistryImage,
    enableBinaryAuthorization,
    disallowDefaultServiceAccount,
    disallowPlainSecretEnv,
    enforceTrafficTotal,
    enableDeletionProtection,
    missingStartupProbe,
    enforceCorsOrigins,
    disallowPublicIngress,
];

/** Every Cloud Run policy, in the order the pack reports them. */
export const cloudRunPolicies = [...cloudRunServicePolicies, enableJobBinaryAuthorization, disallowInProd];
