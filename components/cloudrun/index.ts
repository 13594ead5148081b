/** Cloud Run services: the component, its revision template, canary traffic from the live service, revision names. */
export { CANARY_TAGS, nextRollout, trafficTargets, type CanaryTag, type NextRolloutInput, type RolloutState, type TrafficTarget } from "./canary";
export { CloudRunService, type CanaryArgs, type CloudRunServiceArgs } from "./cloudRunService";
export { ingressTraffic, type CloudRunIngress } from "./ingress";
export { isNotFound, liveService, readLiveService, serviceId, type LiveService, type LiveTraffic, type TrafficStatus } from "./liveService";
export { CLOUD_RUN_SERVICE_TYPE, cloudRunServiceImportId, cloudRunServiceUrn } from "./names";
export { canonicalJson, revisionName, revisionNamingProblem, templateHash } from "./revisions";
export { reportedRollout, type RolloutOutputs } from "./rolloutOutput";
export { cloudSqlSocket, containerEnvs, PROJECT_POLICY, serviceTemplate, vpcAccess, type TemplateInput, type VpcEgress } from "./template";
