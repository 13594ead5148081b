/** What every runtime of a service shares: its arguments, its environment, its name, what counts as a credential. */
export type { ServiceWorkloadArgs } from "./args";
export { pinnedDigest } from "./checks";
export { CLOUD_SQL_MOUNT_PATH, RESERVED_ENV_NAMES, serviceEnv, type DatabaseBinding, type PlainEnv, type SecretEnv, type ServiceEnv, type ServiceEnvInput } from "./env";
export { workloadName } from "./names";
export { looksLikeSecretName } from "./secretNames";
