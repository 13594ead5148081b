/** What every runtime of a service shares: its arguments, its environment, its name, what counts as a credential. */
export type { ServiceWorkloadArgs } from "./args";
export { pinnedDigest, servedDatabaseEnv } from "./checks";
export {
    CLOUD_SQL_MOUNT_PATH,
    DATABASE_ENV_NAMES,
    databaseEnvProblem,
    DEFAULT_DATABASE_ENV,
    RESERVED_ENV_NAMES,
    serviceEnv,
    type DatabaseBinding,
    type DatabaseEnvName,
    type PlainEnv,
    type SecretEnv,
    type SecretRef,
    type ServiceEnv,
    type ServiceEnvInput,
} from "./env";
export { workloadName } from "./names";
export { looksLikeSecretName } from "./secretNames";
export { plaintextSecretKind } from "./secretValues";
