/**
 * `bilko:notifications`: Slack notifications of the pipeline's events, alerting, and the daily drift checks; declared
 * with the delivery pipeline by the stack that owns the shared resources. Webhook URLs live only in Secret Manager:
 * the file names the secrets.
 */
import { z } from "zod";
import { show } from "../../common/text";
import { digestPinnedImage, secretId } from "./values";

const cron = z.string().regex(/^(\S+\s+){4}\S+$/, { error: (issue) => `expected a cron schedule of five fields such as "0 6 * * *", got ${show(issue.input)}` });
const email = z.string().regex(/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/, { error: (issue) => `expected an email address, got ${show(issue.input)}` });

export const notificationsSchema = z.strictObject({
    /** Google's Cloud Build Slack notifier (`us-east1-docker.pkg.dev/gcb-release/cloud-build-notifiers/slack`), pinned by digest. */
    notifier: digestPinnedImage,
    /** Per kind of event, the Secret Manager secret holding the Slack incoming-webhook URL of its channel. */
    slack: z.strictObject({ builds: secretId, deploys: secretId, approvals: secretId, drift: secretId }),
    /** Where Cloud Monitoring sends the alerts on failed builds and failed smoke tests (an email notification channel). */
    alertEmail: email,
    /** Import the project's `cloud-builds` topic instead of creating it (it exists where the Pub/Sub API was enabled long ago). */
    adoptTopic: z.boolean().default(false),
    /** When the drift check of every stack runs (Cloud Scheduler's cron syntax, in `timeZone`). */
    drift: z
        .strictObject({
            schedule: cron.default("0 6 * * *"),
            timeZone: z.string().min(1).default("Etc/UTC"),
        })
        .default({ schedule: "0 6 * * *", timeZone: "Etc/UTC" }),
});

export type NotificationsConfig = z.output<typeof notificationsSchema>;
