/**
 * The delivery pipeline as code: the component (triggers, the accounts they run as, the Docker Hub cache), the trigger
 * specs, the roles of each account, the step scripts, and the facts and checks a deploy step reads about a stack.
 */
export { buildersThroughCache, throughDockerHubCache } from "./builderImages";
export { DeliveryPipeline, driftRunRequest, type DeliveryPipelineArgs } from "./deliveryPipeline";
export { deployWindowProblem, fourEyesProblem, programGuardProblem } from "./deployChecks";
export { announcement, driftSummary, shortDigest } from "./reports";
export { environmentTag } from "./environmentTag";
export { floatingTagWrites, isImmutableTag, tagOf, tagWrites, type TagWrite } from "./floatingTags";
export {
    deployAccountId,
    deployAccountMember,
    IDENTITY_PURPOSE,
    perIdentity,
    PIPELINE_IDENTITIES,
    pipelineAccountEmail,
    pipelineAccountId,
    pipelineGrants,
    previewProjectGrants,
    type GrantScope,
    type PipelineIdentity,
    type RoleGrant,
    type StackNeeds,
} from "./identities";
export { StackDeployer, type StackDeployerArgs } from "./stackDeployer";
export {
    BACKUP_ENVIRONMENTS,
    backupTarget,
    FACTS,
    migratingServices,
    migrationJobs,
    restoreDigests,
    runningDigests,
    serviceUrns,
    smokePassed,
    smokeSecrets,
    type Fact,
} from "./stackFacts";
export * from "./steps";
export { BUILD_LOGGING, triggerArgs, triggerSource, VERIFY_OPTION, type TriggerContext, type TriggerSource } from "./triggerArgs";
export {
    APPROVAL_ENVIRONMENTS,
    deployTrigger,
    MAIN_BRANCH,
    MAIN_BRANCH_NAME,
    MAIN_REF,
    pipelineTriggers,
    promotedStacks,
    PULL_REQUEST_COMMENT_CONTROL,
    type DeployTriggerInput,
    type PipelineInput,
    type TriggerEvent,
    type TriggerSpec,
} from "./triggers";
