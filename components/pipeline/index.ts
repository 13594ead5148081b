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
export { deployAccountMember, IDENTITY_PURPOSE, perIdentity, PIPELINE_IDENTITIES, pipelineAccountEmail, pipelineAccountId, pipelineGrants, type GrantScope, type PipelineIdentity, type RoleGrant } from "./identities";
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
export { BUILD_LOGGING, triggerArgs, triggerSource, type TriggerContext, type TriggerSource } from "./triggerArgs";
export { APPROVAL_ENVIRONMENTS, MAIN_BRANCH, MAIN_BRANCH_NAME, MAIN_REF, pipelineTriggers, promotedStacks, PULL_REQUEST_COMMENT_CONTROL, type PipelineInput, type TriggerEvent, type TriggerSpec } from "./triggers";
