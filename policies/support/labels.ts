/**
 * Where Google Cloud resources keep their labels. Policies decide "in prod" from the `environment` label, never
 * from the stack name, so the same pack judges any stack by what its resources say they are.
 */
import type { Props } from "./policy";

/** Label property path of each Google Cloud type bilko declares or may soon declare that can carry labels. */
export const LABEL_PATHS: Readonly<Record<string, readonly string[]>> = {
    "gcp:cloudrunv2/service:Service": ["labels"],
    "gcp:cloudrunv2/job:Job": ["labels"],
    "gcp:cloudrun/service:Service": ["metadata", "labels"],
    "gcp:cloudrun/domainMapping:DomainMapping": ["metadata", "labels"],
    "gcp:sql/databaseInstance:DatabaseInstance": ["settings", "userLabels"],
    "gcp:artifactregistry/repository:Repository": ["labels"],
    "gcp:secretmanager/secret:Secret": ["labels"],
    "gcp:storage/bucket:Bucket": ["labels"],
    "gcp:pubsub/topic:Topic": ["labels"],
    "gcp:clouddeploy/deliveryPipeline:DeliveryPipeline": ["labels"],
    // `labels` of a notification channel are its settings (the email address); its own labels are `userLabels`.
    "gcp:monitoring/notificationChannel:NotificationChannel": ["userLabels"],
    "gcp:monitoring/alertPolicy:AlertPolicy": ["userLabels"],
};

export const ENVIRONMENT_LABEL = "environment";
/** `"true"` on Cloud Run services meant to be reachable by anyone; the program sets it from the service config. */
export const PUBLIC_LABEL = "public";

/** Label path of `type`: listed above, or top-level `labels` for any other Google Cloud type that sets them. */
export function labelPath(type: string, props: Props): readonly string[] | undefined {
    if (type in LABEL_PATHS) {
        return LABEL_PATHS[type];
    }
    // `in` does not read the value, so an unknown `labels` still counts as present.
    return type.startsWith("gcp:") && "labels" in props ? ["labels"] : undefined;
}

/** Whether resources of `type` (with these props) carry labels at all; IAM grants, sql users and the like do not. */
export function carriesLabels(type: string, props: Props): boolean {
    return labelPath(type, props) !== undefined;
}

/** The resource's labels (`{}` when it has none); reading an unknown value throws the engine's unknown error. */
export function labelsOf(type: string, props: Props): Record<string, unknown> {
    let value: any = props;
    for (const key of labelPath(type, props) ?? []) {
        value = value?.[key];
    }
    return typeof value === "object" && value !== null ? value : {};
}

/** The `environment` label, or `undefined` when the resource has none. */
export function environmentOf(type: string, props: Props): string | undefined {
    const environment = labelsOf(type, props)[ENVIRONMENT_LABEL];
    return typeof environment === "string" && environment !== "" ? environment : undefined;
}

/** "In prod": the resource's own `environment` label says `prod`. */
export function inProd(type: string, props: Props): boolean {
    return environmentOf(type, props) === "prod";
}

/** `settings.userLabels`, say: how a fix message tells where the labels of `type` go. */
export function labelPathText(type: string): string {
    return (LABEL_PATHS[type] ?? ["labels"]).join(".");
}
