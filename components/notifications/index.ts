/**
 * Build notifications and alerting: which Cloud Build messages are which pipeline event, the Slack notifiers' filters,
 * templates and config files, and the component that declares them with the alert policy.
 */
export { DEPLOY_FAILED_MARKER, failedBuildsFilter, markerFilter, SMOKE_FAILED_MARKER } from "./alerting";
export { EVENTS, FAILED, NOTIFICATION_KINDS, PIPELINE_TAGS, type ApprovalState, type BuildStatus, type NotificationKind, type PipelineEvent } from "./events";
export { eventFilter, kindFilter } from "./filters";
export { CLOUD_BUILDS_TOPIC, configBucketName, configObjectName, notifierServiceName } from "./names";
export { notifierConfig, notifierConfigYaml, WEBHOOK_REF, type NotifierConfig } from "./notifierConfig";
export { Notifications, type NotificationsArgs } from "./notifications";
export { eventCondition, slackTemplate } from "./template";
