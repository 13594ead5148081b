/**
 * The notifier's configuration file (`CONFIG_PATH`), as Google's notifiers read it: `apiVersion:
 * cloud-build-notifiers/v1`, decoded strictly (an unknown field stops the notifier), with the filter, the delivery's
 * secret reference, the template inline (`template.content`) and the secret's resource name.
 */
import { stringify } from "yaml";
import { kindFilter } from "./filters";
import type { NotificationKind } from "./events";
import { slackTemplate } from "./template";

/** The name `delivery.webhookUrl.secretRef` points at in `spec.secrets`. */
export const WEBHOOK_REF = "slack-webhook";

export interface NotifierConfig {
    apiVersion: "cloud-build-notifiers/v1";
    kind: "SlackNotifier";
    metadata: { name: string };
    spec: {
        notification: {
            filter: string;
            delivery: { webhookUrl: { secretRef: string } };
            template: { type: "golang"; content: string };
        };
        secrets: Array<{ name: string; value: string }>;
    };
}

/** `projects/<p>/secrets/<id>/versions/latest`: what the notifier reads the webhook URL from. */
export function webhookSecretVersion(project: string, secretId: string): string {
    return `projects/${project}/secrets/${secretId}/versions/latest`;
}

export function notifierConfig(name: string, kind: NotificationKind, project: string, webhookSecret: string): NotifierConfig {
    return {
        apiVersion: "cloud-build-notifiers/v1",
        kind: "SlackNotifier",
        metadata: { name },
        spec: {
            notification: {
                filter: kindFilter(kind),
                delivery: { webhookUrl: { secretRef: WEBHOOK_REF } },
                template: { type: "golang", content: slackTemplate(kind) },
            },
            secrets: [{ name: WEBHOOK_REF, value: webhookSecretVersion(project, webhookSecret) }],
        },
    };
}

/** The file's text; long lines are kept whole. */
export function notifierConfigYaml(config: NotifierConfig): string {
    return stringify(config, { lineWidth: 0 });
}
