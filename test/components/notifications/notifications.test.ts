/**
 * Each pipeline event, as a Build message on `cloud-builds`, against what the notifiers are given: the CEL filter of
 * each kind (evaluated with @marcbachmann/cel-js, an independent JavaScript implementation of CEL, over the message
 * as cel-go would read the proto: see buildMessages.ts; cel-go itself, which the notifier runs, was not run here) and
 * the Slack template (rendered with goTemplate.ts, an interpreter of the Go template subset it uses, not Go's).
 */
import * as assert from "assert";
import { parse } from "yaml";
import { EVENTS, eventFilter, kindFilter, NOTIFICATION_KINDS, notifierConfig, notifierConfigYaml, slackTemplate, type NotificationKind } from "../../../components/notifications";
import { announcement } from "../../../components/pipeline/reports";
import { parseStackConfig } from "../../../config";
import { COMMITTED_STACKS, edited } from "../../support/stacks";
import { buildMessage, celEnvironment, celView, COMMIT, goView, type Sample } from "./buildMessages";
import { renderGoTemplate } from "./goTemplate";

const config = (stack: string, edit: (values: Record<string, any>) => void = () => undefined) => parseStackConfig(edited(stack, edit), { stack, knownStacks: COMMITTED_STACKS });
const withOutput = (index: number, count: number, text: string) => Array.from({ length: count }, (_, at) => (at === index ? text : ""));

const STAGE_REPORT = `deployed. ${announcement(config("stage"))}`;
const PROD_REPORT = `deployed. ${announcement(config("prod"))}`;
const ROLLBACK_REPORT = `deployed. ${announcement(
    config("demo", (values) => values["bilko:releases"].push({ service: "api", digest: values["bilko:services"].api.digest, from: "demo", at: "2026-11-30T09:00:00Z", by: "oncall@alai.no", kind: "rollback", reason: "500s after login" })),
)}`;
const SMOKE_REPORT = `not deployed: smoke-demo: the smoke test of demo failed (its report is above); demo runs its last released digests again. ${announcement(config("demo"))}`;
const DRIFT_REPORT = "drift found in prod: 1 resource differs: update web-service (gcp:cloudrunv2/service:Service). Reconcile: adopt the change into Pulumi.prod.yaml, or pulumi up it away (docs/operations.md)";

const BUILD = { trigger: "bilko-build", tags: ["bilko", "build", "environment-stage"] };
const DEPLOY_DEMO = { trigger: "bilko-deploy-demo", tags: ["bilko", "deploy", "environment-demo"] };
const DEPLOY_PROD = { trigger: "bilko-deploy-prod", tags: ["bilko", "deploy", "environment-prod"] };
const APPROVED = { state: "APPROVED", result: { approverAccount: "alem@alai.no", decision: "APPROVED" } };

interface Case {
    sample: Sample;
    /** `kind/event` of every event it is, per the events' own filters. */
    events: string[];
    /** The two sections of each message posted, by kind. */
    messages: Partial<Record<NotificationKind, [string, string]>>;
}

const headline = (event: string, trigger: string) => `*${event}* \`${trigger}\` at commit \`${COMMIT.slice(0, 7)}\``;

const CASES: Record<string, Case> = {
    "a merge starts the build": {
        sample: { ...BUILD, status: "WORKING" },
        events: ["builds/build-started"],
        messages: { builds: [headline("Build started", "bilko-build"), EVENTS.builds[0].text!] },
    },
    "the build pushed its images and deployed stage": {
        sample: { ...BUILD, status: "SUCCESS", outputs: withOutput(20, 22, STAGE_REPORT) },
        events: ["builds/build-succeeded", "deploys/stage-deployed"],
        messages: { builds: [headline("Build succeeded", "bilko-build"), `Report: ${STAGE_REPORT}`], deploys: [headline("Stage deployed", "bilko-build"), `Report: ${STAGE_REPORT}`] },
    },
    "a scan fails the build before stage is touched": {
        sample: { ...BUILD, status: "FAILURE", outputs: [], failure: 'Build step failure: build step 4 "scan-api" failed: step exited with non-zero status: 1' },
        events: ["builds/build-failed"],
        messages: { builds: [headline("Build failed", "bilko-build"), `Build step failure: build step 4 'scan-api' failed: step exited with non-zero status: 1 Report: `] },
    },
    "prod waits for an approval": {
        sample: { ...DEPLOY_PROD, status: "PENDING", approval: { state: "PENDING" } },
        events: ["approvals/approval-waiting"],
        messages: { approvals: [headline("Waiting for approval", "bilko-deploy-prod"), EVENTS.approvals[0].text!] },
    },
    "someone approves prod": {
        sample: { ...DEPLOY_PROD, status: "WORKING", approval: APPROVED },
        events: ["approvals/approval-approved"],
        messages: { approvals: [headline("Approved", "bilko-deploy-prod"), "by alem@alai.no"] },
    },
    "someone rejects prod": {
        sample: { ...DEPLOY_PROD, status: "CANCELLED", approval: { state: "REJECTED", result: { approverAccount: "alem@alai.no", decision: "REJECTED" } } },
        events: ["approvals/approval-rejected"],
        messages: { approvals: [headline("Rejected", "bilko-deploy-prod"), "by alem@alai.no"] },
    },
    "prod is promoted": {
        sample: { ...DEPLOY_PROD, status: "SUCCESS", approval: APPROVED, outputs: withOutput(12, 14, PROD_REPORT) },
        events: ["deploys/promoted"],
        messages: { deploys: [headline("Deployed", "bilko-deploy-prod"), `Report: ${PROD_REPORT}`] },
    },
    "demo is rolled back": {
        sample: { ...DEPLOY_DEMO, status: "SUCCESS", outputs: withOutput(11, 13, ROLLBACK_REPORT) },
        events: ["deploys/promoted"],
        messages: { deploys: [headline("Deployed", "bilko-deploy-demo"), `Report: ${ROLLBACK_REPORT}`] },
    },
    "demo's smoke test fails and its last release is restored": {
        sample: { ...DEPLOY_DEMO, status: "FAILURE", outputs: withOutput(11, 13, SMOKE_REPORT), failure: 'Build step failure: build step 12 "unlock-demo" failed: step exited with non-zero status: 1' },
        events: ["deploys/deploy-failed"],
        messages: { deploys: [headline("Deploy failed", "bilko-deploy-demo"), `Build step failure: build step 12 'unlock-demo' failed: step exited with non-zero status: 1 Report: ${SMOKE_REPORT}`] },
    },
    "the drift check finds a change made by hand": {
        sample: { trigger: "bilko-drift-prod", tags: ["bilko", "drift", "drift-prod"], status: "FAILURE", outputs: ["", DRIFT_REPORT, ""], failure: 'Build step failure: build step 2 "verdict-prod" failed: step exited with non-zero status: 1' },
        events: ["drift/drift-found"],
        messages: { drift: [headline("Drift found", "bilko-drift-prod"), `Report: ${DRIFT_REPORT}`] },
    },
    // Status changes that are no event of the pipeline: nobody is told.
    "a build is queued": { sample: { ...BUILD, status: "QUEUED" }, events: [], messages: {} },
    "an approved prod build is queued": { sample: { ...DEPLOY_PROD, status: "QUEUED", approval: APPROVED }, events: [], messages: {} },
    "a pull request's preview passes": { sample: { trigger: "bilko-preview", tags: ["bilko", "preview"], status: "FAILURE" }, events: [], messages: {} },
    "the drift check finds nothing": { sample: { trigger: "bilko-drift-stage", tags: ["bilko", "drift", "drift-stage"], status: "SUCCESS", outputs: ["", "no drift in stage", ""] }, events: [], messages: {} },
    "someone else's build fails": { sample: { trigger: "other-app", tags: [], status: "FAILURE" }, events: [], messages: {} },
};

const env = celEnvironment();
const matches = (filter: string, sample: Sample) => env.evaluate(filter, { build: celView(buildMessage(sample)) }) === true;

describe("notifications: each event's filter and message", () => {
    it("every filter type-checks against the Build message (an unknown field or enum would not)", () => {
        for (const kind of NOTIFICATION_KINDS) {
            const check = env.check(kindFilter(kind));
            assert.ok(check.valid, `${kind}: ${check.error?.message}`);
            assert.strictEqual(check.type, "bool");
        }
        assert.strictEqual(env.check("build.salad == 1").valid, false, "the schema refuses a field the Build message does not have");
    });

    for (const [what, { sample, events, messages }] of Object.entries(CASES)) {
        it(`${what}: ${events.length > 0 ? events.join(", ") : "no notification"}`, () => {
            const matched = NOTIFICATION_KINDS.flatMap((kind) => EVENTS[kind].filter((event) => matches(eventFilter(event), sample)).map((event) => `${kind}/${event.name}`));
            assert.deepStrictEqual(matched, events);
            for (const kind of NOTIFICATION_KINDS) {
                const posted = matches(kindFilter(kind), sample);
                assert.strictEqual(posted, messages[kind] !== undefined, `${kind} notifier posts`);
                if (!posted) {
                    continue;
                }
                const blocks = JSON.parse(renderGoTemplate(slackTemplate(kind), goView(buildMessage(sample))));
                assert.deepStrictEqual(
                    blocks.map((block: { type: string }) => block.type),
                    ["section", "section", "context"],
                );
                assert.deepStrictEqual([blocks[0].text.text, blocks[1].text.text], messages[kind]);
                assert.ok(blocks[1].text.text.trim().length > 0, "Slack refuses a section without text");
                assert.strictEqual(blocks[2].elements[0].text, `<${buildMessage(sample).logUrl}|Build log>`);
            }
        });
    }

    it("the reports carry the stack, each service with its short digest, and who promoted it from where", () => {
        const prod = config("prod");
        for (const [service, settings] of Object.entries(prod.services)) {
            assert.ok(PROD_REPORT.includes(`${service} ${settings.digest.slice(7, 19)} promoted from demo by maintainers@users.noreply.b-seed-21f525b7.example`), service);
        }
        assert.ok(ROLLBACK_REPORT.includes("rolled back by oncall@alai.no at 2026-11-30T09:00:00Z: 500s after login"));
    });
});

describe("notifications: the notifier's config file", () => {
    for (const kind of NOTIFICATION_KINDS) {
        it(`${kind}: apiVersion cloud-build-notifiers/v1, its filter, the webhook by secret reference, the template inline`, () => {
            const document = parse(notifierConfigYaml(notifierConfig(`bilko-notify-${kind}`, kind, "tribal-sign-487920-k0", `bilko-slack-${kind}`)));
            assert.deepStrictEqual(Object.keys(document), ["apiVersion", "kind", "metadata", "spec"]);
            assert.strictEqual(document.apiVersion, "cloud-build-notifiers/v1");
            assert.strictEqual(document.kind, "SlackNotifier");
            assert.strictEqual(document.spec.notification.filter, kindFilter(kind));
            assert.deepStrictEqual(document.spec.notification.delivery, { webhookUrl: { secretRef: "slack-webhook" } });
            assert.deepStrictEqual(document.spec.secrets, [{ name: "slack-webhook", value: `projects/tribal-sign-487920-k0/secrets/bilko-slack-${kind}/versions/latest` }]);
            assert.deepStrictEqual(document.spec.notification.template, { type: "golang", content: slackTemplate(kind) });
        });
    }
});
