/**
 * The stack configuration contract. This folder is the one module that knows the `bilko:` key names: it decodes what
 * Pulumi hands the program, validates the whole object and returns a typed `StackConfig`, or refuses with one
 * line naming the file and the key path. Nothing is declared before this succeeds.
 */
export { StackConfigError } from "./errors";
export { describeIssue } from "./issues";
export { ADOPT_KEYS, KEYS, migratorDigestPath, releaseKey, serviceDigestKey, serviceDigestPath, serviceKey, smokePassedKey } from "./keys";
export { parseStackConfig } from "./parse";
export { repositoryLocationOf, secretsKeyOf, stateBucketOf } from "./pipelineResources";
export { projectDir, projectName, projectStacks, ProjectNotFoundError, stackFileName, stackFilePath, unknownStackReason } from "./project";
export { decodePulumiConfig, encodePulumiConfig } from "./pulumiConfig";
export {
    ENVIRONMENTS,
    passwordMode,
    RELEASE_KINDS,
    RUNTIMES,
    type EdgeConfig,
    type Environment,
    type KubernetesConfig,
    type NetworkConfig,
    type NotificationsConfig,
    type PasswordMode,
    type PipelineConfig,
    type PostgresConfig,
    parseAllowRule,
    type PromotionConfig,
    type WindowsConfig,
    type AllowRule,
    type FreezeConfig,
    WEEKDAYS,
    type Release,
    type ReleaseKind,
    type ResourceAdoption,
    type Runtime,
    type ServiceAdoption,
    type ServiceConfig,
    type ServiceSmokeConfig,
    SMOKE_METHODS,
    type SmokeCheckConfig,
    type SmokeLoginConfig,
} from "./schema";
export { runsOnKubernetes, stacksOnKubernetes } from "./runtimes";
export { readSharedStack, siblingDirectory } from "./sharedStack";
export { releaseSchema } from "./schema/releases";
export { documentValues, readStackFile, SECRET_PLACEHOLDER, StackFileError, stackFileValues, type StackFileValues } from "./stackFile";
export type { SharedStack, StackConfig, StackIdentity } from "./types";
