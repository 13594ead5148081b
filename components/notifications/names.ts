/** Names of what the notifications component declares, from the app and the kind of event. */
import type { NotificationKind } from "./events";

/** Cloud Build publishes every build's status changes here (unless a build config names another topic). */
export const CLOUD_BUILDS_TOPIC = "cloud-builds";

/** Import id of the topic, for a project where it exists already. */
export function topicImportId(project: string): string {
    return `projects/${project}/topics/${CLOUD_BUILDS_TOPIC}`;
}

/** `bilko-notify-deploys`: the notifier service of one kind (Cloud Run names: at most 49 characters). */
export function notifierServiceName(app: string, kind: NotificationKind): string {
    return `${app}-notify-${kind}`;
}

/** `<project>-bilko-notifiers`: the bucket holding the notifiers' config files (bucket names are global). */
export function configBucketName(project: string, app: string): string {
    return `${project}-${app}-notifiers`;
}

/** `deploys.yaml`: the object one notifier reads as CONFIG_PATH. */
export function configObjectName(kind: NotificationKind): string {
    return `${kind}.yaml`;
}

/**
 * `gcb-release/cloud-build-notifiers/slack@sha256:...` through the project's remote repository of the image's
 * registry: `<location>-docker.pkg.dev/<project>/<cache>/<path>@<digest>`.
 */
export function notifierImageThroughCache(image: string, cacheUrl: string): string {
    return `${cacheUrl}/${image.slice(image.indexOf("/") + 1)}`;
}

/** `https://us-east1-docker.pkg.dev`: the registry the remote repository caches. */
export function upstreamRegistry(image: string): string {
    return `https://${image.slice(0, image.indexOf("/"))}`;
}
