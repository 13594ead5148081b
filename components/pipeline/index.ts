/**
 * The delivery pipeline as code: the component (triggers and the accounts they run as), the trigger specs, the roles
 * of each account, the step scripts, and the facts a deploy step reads about a stack.
 */
export { DeliveryPipeline, type DeliveryPipelineArgs } from "./deliveryPipeline";
export { environmentTag } from "./environmentTag";
export { floatingTagWrites, isImmutableTag, tagOf, tagWrites, type TagWrite } from "./floatingTags";
export { deployAccountMember, IDENTITY_PURPOSE, perIdentity, PIPELINE_IDENTITIES, pipelineAccountEmail, pipelineAccountId, pipelineGrants, type GrantScope, type PipelineIdentity, type RoleGrant } from "./identities";
export { FACTS, healthUrls, migrationJobs, migrationTargets, previousDigests, smokeUrls, type Fact } from "./stackFacts";
export * from "./steps";
export { BUILD_LOGGING, triggerArgs, triggerSource, type TriggerContext, type TriggerSource } from "./triggerArgs";
export { APPROVAL_ENVIRONMENTS, MAIN_BRANCH, pipelineTriggers, promotedStacks, PULL_REQUEST_COMMENT_CONTROL, type PipelineInput, type TriggerEvent, type TriggerSpec } from "./triggers";
