/** What stage's plan declares for notifications and alerting (bilko:notifications in Pulumi.stage.yaml). */
import * as assert from "assert";
import { parse } from "yaml";
import { kindFilter, NOTIFICATION_KINDS, notifierConfig, notifierConfigYaml, slackTemplate } from "../../../components/notifications";
import { committedValues, plannedStack, resourcesOfType } from "../../support/stacks";

const PROJECT = "tribal-sign-487920-k0";

describe("notifications in stage's plan", () => {
    it("Cloud Build's topic, and per kind a notifier on Cloud Run, its config object and a push subscription to it", async () => {
        const plan = await plannedStack("stage");
        const settings = committedValues("stage")["bilko:notifications"];
        assert.deepStrictEqual(resourcesOfType(plan, "gcp:pubsub/topic:Topic").map((topic) => topic.inputs.name), ["cloud-builds"]);
        const services = resourcesOfType(plan, "gcp:cloudrunv2/service:Service").filter((service) => service.inputs.labels?.notifier);
        assert.deepStrictEqual(services.map((service) => service.inputs.name).sort(), NOTIFICATION_KINDS.map((kind) => `bilko-notify-${kind}`).sort());
        for (const kind of NOTIFICATION_KINDS) {
            const service = services.find((candidate) => candidate.inputs.name === `bilko-notify-${kind}`)!;
            const container = service.inputs.template.containers[0];
            const digest = settings.notifier.split("@")[1];
            assert.strictEqual(container.image, `europe-north1-docker.pkg.dev/${PROJECT}/bilko-notifiers-cache/gcb-release/cloud-build-notifiers/slack@${digest}`, "pinned by digest, from the project's registry");
            assert.deepStrictEqual(container.envs, [
                { name: "CONFIG_PATH", value: `gs://${PROJECT}-bilko-notifiers/${kind}.yaml` },
                { name: "PROJECT_ID", value: PROJECT },
            ]);
            const object = resourcesOfType(plan, "gcp:storage/bucketObject:BucketObject").find((candidate) => candidate.inputs.name === `${kind}.yaml`)!;
            // The provider keeps an object's content secret, so the plan shows "[secret]"; the file itself is
            // notifierConfig(...) of notifications.test.ts, with this kind's secret.
            assert.deepStrictEqual([object.inputs.bucket, object.inputs.contentType, object.inputs.content], [`${PROJECT}-bilko-notifiers`, "text/yaml", "[secret]"]);
            const config = parse(notifierConfigYaml(notifierConfig(`bilko-notify-${kind}`, kind, PROJECT, settings.slack[kind])));
            assert.strictEqual(config.spec.notification.filter, kindFilter(kind));
            assert.strictEqual(config.spec.notification.template.content, slackTemplate(kind));
            const subscription = resourcesOfType(plan, "gcp:pubsub/subscription:Subscription").find((candidate) => candidate.inputs.name === `bilko-notify-${kind}`)!;
            assert.strictEqual(subscription.inputs.topic, "cloud-builds");
            assert.strictEqual(subscription.inputs.pushConfig.pushEndpoint, `https://bilko-notify-${kind}-mock-europe-north1.a.run.app`);
            assert.strictEqual(subscription.inputs.pushConfig.oidcToken.serviceAccountEmail, `bilko-notifier-push@${PROJECT}.iam.gserviceaccount.com`);
        }
    });

    it("the webhook secrets by reference: the notifier may read each configured secret, and nothing declares their values", async () => {
        const plan = await plannedStack("stage");
        const settings = committedValues("stage")["bilko:notifications"];
        const grants = resourcesOfType(plan, "gcp:secretmanager/secretIamMember:SecretIamMember").filter((grant) => grant.inputs.member === `serviceAccount:bilko-notifier@${PROJECT}.iam.gserviceaccount.com`);
        assert.deepStrictEqual(grants.map((grant) => [grant.inputs.secretId, grant.inputs.role]).sort(), [...new Set(Object.values<string>(settings.slack))].sort().map((id) => [id, "roles/secretmanager.secretAccessor"]));
        assert.deepStrictEqual(resourcesOfType(plan, "gcp:secretmanager/secretVersion:SecretVersion").filter((version) => String(version.inputs.secret).includes("slack")), []);
    });

    it("an alert policy on failed builds of the pipeline's triggers, failed deployments of any stack and failed smoke tests, to the configured email", async () => {
        const plan = await plannedStack("stage");
        const [channel] = resourcesOfType(plan, "gcp:monitoring/notificationChannel:NotificationChannel");
        assert.deepStrictEqual([channel.inputs.type, channel.inputs.labels], ["email", { email_address: committedValues("stage")["bilko:notifications"].alertEmail }]);
        const [policy] = resourcesOfType(plan, "gcp:monitoring/alertPolicy:AlertPolicy");
        assert.deepStrictEqual(policy.inputs.notificationChannels, [`projects/${PROJECT}/notificationChannels/notifications-alert-channel-mock`]);
        assert.deepStrictEqual(policy.inputs.conditions.map((condition: any) => condition.conditionThreshold.filter), [
            'metric.type="logging.googleapis.com/user/bilko-failed-builds" AND resource.type="build"',
            'metric.type="logging.googleapis.com/user/bilko-failed-deployments" AND resource.type="build"',
            'metric.type="logging.googleapis.com/user/bilko-failed-smoke-tests" AND resource.type="build"',
        ]);
        const metrics = Object.fromEntries(resourcesOfType(plan, "gcp:logging/metric:Metric").map((metric) => [metric.inputs.name, metric.inputs.filter]));
        const triggers = resourcesOfType(plan, "gcp:cloudbuild/trigger:Trigger").map((trigger) => `${trigger.inputs.name}-mock-id`);
        const [, ids] = /^resource\.type="build" AND resource\.labels\.build_trigger_id=\((.*)\) AND textPayload=~"\^ERROR"$/.exec(metrics["bilko-failed-builds"])!;
        assert.deepStrictEqual(ids.split(" OR ").map((id) => JSON.parse(id) as string).sort(), triggers.sort(), "every trigger of the pipeline, no other");
        assert.strictEqual(metrics["bilko-failed-smoke-tests"], 'resource.type="build" AND textPayload:"BILKO_SMOKE_FAILED"');
        // Demo's and prod's deploy triggers are their own stacks': counted by the marker their report step logs.
        assert.strictEqual(metrics["bilko-failed-deployments"], 'resource.type="build" AND textPayload:"BILKO_DEPLOY_FAILED"');
    });

    it("nothing of it in demo or prod", async () => {
        for (const stack of ["demo", "prod"]) {
            const plan = await plannedStack(stack);
            assert.deepStrictEqual(plan.resources.filter((resource) => resource.name.startsWith("notifications-")).map((resource) => resource.name), [], stack);
        }
    });
});
