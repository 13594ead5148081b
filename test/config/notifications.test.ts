/** `bilko:notifications`: refused where it does not belong, and with malformed values, naming the key. */
import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { COMMITTED_STACKS, committedValues, edited } from "../support/stacks";
import { refusal } from "./support";

const STAGE_NOTIFICATIONS = committedValues("stage")["bilko:notifications"];

describe("stack config: bilko:notifications", () => {
    it("stage's is valid, with the drift schedule it names", () => {
        const config = parseStackConfig(edited("stage", () => undefined), { stack: "stage", knownStacks: COMMITTED_STACKS });
        assert.deepStrictEqual(config.notifications?.drift, { schedule: "0 6 * * *", timeZone: "Europe/Oslo" });
        assert.strictEqual(config.notifications?.adoptTopic, false);
    });

    it("only with the delivery pipeline", () => {
        assert.strictEqual(
            refusal("prod", (values) => (values["bilko:notifications"] = STAGE_NOTIFICATIONS)),
            "Pulumi.prod.yaml: bilko:notifications: notifications go with the delivery pipeline (bilko:pipeline, in the stack with bilko:sharedResources: true); remove them here",
        );
    });

    const cases: Array<[string, (notifications: Record<string, any>) => void, string]> = [
        ["a notifier by tag", (n) => (n.notifier = "us-east1-docker.pkg.dev/gcb-release/cloud-build-notifiers/slack:latest"), `bilko:notifications.notifier: expected an image pinned by digest ("<image>@sha256:<64 hex>"), got "us-east1-docker.pkg.dev/gcb-release/cloud-build-notifiers/slack:latest"`],
        ["a webhook URL where its secret id belongs", (n) => (n.slack.deploys = "https://hooks.slack.com/services/T0/B0/x"), `bilko:notifications.slack.deploys: expected a Secret Manager secret id (letters, digits, "-" and "_"), got "https://hooks.slack.com/services/T0/B0/x"`],
        ["a kind without a channel", (n) => delete n.slack.drift, "bilko:notifications.slack.drift: missing required key"],
        ["an alert address that is none", (n) => (n.alertEmail = "oncall"), `bilko:notifications.alertEmail: expected an email address, got "oncall"`],
        ["a schedule of four fields", (n) => (n.drift.schedule = "0 6 * *"), `bilko:notifications.drift.schedule: expected a cron schedule of five fields such as "0 6 * * *", got "0 6 * *"`],
        ["an unknown time zone", (n) => (n.drift.timeZone = "Europe/Olso"), `bilko:notifications.drift.timeZone: expected an IANA time zone such as "Europe/Oslo", got "Europe/Olso"`],
    ];
    for (const [what, edit, message] of cases) {
        it(what, () => assert.strictEqual(refusal("stage", (values) => edit(values["bilko:notifications"])), `Pulumi.stage.yaml: ${message}`));
    }
});
