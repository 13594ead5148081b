/** Cloud Run services: the component, its revision template, canary traffic and revision names. */
export { CANARY_TAGS, nextRollout, parseRolloutState, trafficTargets, type CanaryTag, type NextRolloutInput, type RolloutState, type TrafficTarget } from "./canary";
export { CloudRunService, type CanaryArgs, type CloudRunServiceArgs, type RolloutOutputs } from "./cloudRunService";
export { cloudRunServiceImportId } from "./names";
export { canonicalJson, revisionName, revisionNamingProblem, templateHash } from "./revisions";
export { cloudSqlSocket, containerEnvs, serviceTemplate, type TemplateInput } from "./template";
