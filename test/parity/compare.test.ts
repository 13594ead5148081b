import * as assert from "assert";
import { ABSENT, compareStacks, judge, normaliserFor, promotedServices, readDeclarations, undeclared, type Difference, type StackSide } from "../../parity";
import { COMMITTED_STACKS, edited, evaluate, plannedStack, PROJECT_DIR } from "../support/stacks";
import { committedAncestors, editedPlan, runParity, sideOf } from "./support";

const DECLARATIONS = readDeclarations(`${PROJECT_DIR}/parity.yaml`, COMMITTED_STACKS);
const SYNTHETIC_DIGEST = `sha256:${"a".repeat(64)}`;

/** The differences `parity.yaml` does not declare, as [resource, property, A-value, B-value]. */
function undeclaredRows(a: StackSide, b: StackSide): Array<[string, string, unknown, unknown]> {
    const verdict = judge(compareStacks(a, b), DECLARATIONS, a.plan.stack, b.plan.stack);
    return undeclared(verdict).map((difference: Difference) => [difference.resource, difference.property, difference.a, difference.b]);
}

describe("parity: what counts as a difference", function () {
    this.timeout(30000);

    it("a database flag the program sets in prod only is refused, naming the resource and property", async () => {
        const prod = await editedPlan("prod", (plan) => {
            const instance = plan.resources.find((resource) => resource.name === "database-instance")!;
            const flags = instance.inputs.settings.databaseFlags as Array<{ name: string; value: string }>;
            instance.inputs.settings.databaseFlags = [...flags.map((flag) => (flag.name === "log_connections" ? { ...flag, value: "off" } : flag)), { name: "max_connections", value: "200" }];
        });
        const demo = sideOf(await plannedStack("demo"));
        assert.deepStrictEqual(undeclaredRows(demo, sideOf(prod)), [
            ["database-instance", "settings.databaseFlags[log_connections].value", "on", "off"],
            ["database-instance", "settings.databaseFlags[max_connections]", ABSENT, { name: "max_connections", value: "200" }],
        ]);
        const run = await runParity(["demo", "prod"], () => Promise.resolve([demo, sideOf(prod)]));
        assert.strictEqual(run.status, 1);
        assert.match(run.stdout, /\n {2}database-instance +settings\.databaseFlags\[log_connections\]\.value +on +off\n/);
        assert.match(run.stdout, /\n {2}database-instance +settings\.databaseFlags\[max_connections\] +\(absent\) +\{"name":"max_connections","value":"200"\}\n/);
    });

    it("each config drift of one stack is reported: probe path, env var, secret, Postgres version", async () => {
        const prod = await evaluate(
            "prod",
            edited("prod", (v) => {
                v["bilko:services"].web.healthPath = "/healthz";
                v["bilko:services"].web.env.FEATURE_FLAGS = "beta";
                v["bilko:services"].api.secrets.SENTRY_DSN = "bilko-sentry-dsn";
                v["bilko:postgres"].version = "POSTGRES_15";
            }),
        );
        const sentry = { name: "SENTRY_DSN", valueSource: { secretKeyRef: { secret: "bilko-sentry-dsn", version: "latest" } } };
        assert.deepStrictEqual(undeclaredRows(sideOf(await plannedStack("demo")), sideOf(prod)), [
            // The secret's accessor grant is a resource of its own; a stack-specific revision name is not a difference.
            ["api-secret-sentry-dsn", "(resource)", ABSENT, "gcp:secretmanager/secretIamMember:SecretIamMember"],
            ["api-service", "template.containers[0].envs[SENTRY_DSN]", ABSENT, sentry],
            ["database-instance", "databaseVersion", "POSTGRES_16", "POSTGRES_15"],
            ["web-service", "template.containers[0].envs[FEATURE_FLAGS]", ABSENT, { name: "FEATURE_FLAGS", value: "beta" }],
            ["web-service", "template.containers[0].livenessProbe.httpGet.path", "/", "/healthz"],
            ["web-service", "template.containers[0].startupProbe.httpGet.path", "/", "/healthz"],
        ]);
    });

    it("whether Pulumi protects a resource is compared too", async () => {
        const prod = await editedPlan("prod", (plan) => (plan.resources.find((resource) => resource.name === "database-instance")!.options.protect = false));
        assert.deepStrictEqual(undeclaredRows(sideOf(await plannedStack("demo")), sideOf(prod)), [["database-instance", "(protect)", true, false]]);
    });

    it("a digest forced past the upstream is not the promoted image: the image difference is reported", async () => {
        const prod = await evaluate(
            "prod",
            edited("prod", (v) => {
                v["bilko:services"].web.digest = SYNTHETIC_DIGEST;
                v["bilko:releases"].push({ service: "web", digest: SYNTHETIC_DIGEST, from: "demo", at: "2026-11-22T10:00:00Z", by: "test@example.com", kind: "force", reason: "synthetic hotfix" });
            }),
        );
        const demo = await plannedStack("demo");
        const image = (digest: string) => `${demo.outputs.registryUrl}/web@${digest}`;
        assert.deepStrictEqual(undeclaredRows(sideOf(demo), sideOf(prod)), [
            ["web-service", "template.containers[0].image", image(demo.outputs.services.web.digest), image(SYNTHETIC_DIGEST)],
        ]);
    });
});

describe("parity: normalising what differs by construction", () => {
    it("replaces a stack's own hostnames, instance, environment and revision names, and nothing of another stack's", async () => {
        const demo = normaliserFor(await plannedStack("demo"), new Set());
        assert.strictEqual(demo.value("https://bilko-demo-api.alai.no/api"), "https://{services.api.hostname}/api");
        assert.strictEqual(demo.value("https://bilko-stage-api.alai.no"), "https://bilko-stage-api.alai.no");
        assert.strictEqual(demo.value("bilko-staging-db"), "bilko-staging-db");
        const prod = normaliserFor(await plannedStack("prod"), new Set());
        assert.deepStrictEqual(prod.value({ sa: "bilko-api-prod@p.iam.gserviceaccount.com", name: "bilko-api", label: "prod", word: "production" }), {
            sa: "bilko-api@p.iam.gserviceaccount.com",
            name: "bilko-api",
            label: "{environment}",
            word: "production",
        });
        assert.strictEqual(prod.value("bilko-db-bilko-app-password"), "{database.instance}-bilko-app-password");
        assert.strictEqual(prod.name("edge-bilko-api-alai-no-record"), "edge-{services.api.hostname}-record");
        assert.strictEqual(prod.name("edge-bilko-alai-no-mapping"), "edge-{services.web.hostname}-mapping");
        const stage = await plannedStack("stage");
        const candidate = (stage.outputs.rollout.api as { candidate: string }).candidate;
        const normalised = normaliserFor(stage, new Set());
        assert.strictEqual(normalised.value(`${candidate} bilko-staging-db bilko-api-stage`), "{rollout.api.candidate} {database.instance} bilko-api");
    });

    it("normalises digests only between a stack and its upstream chain, for digests that ran upstream", async () => {
        const [stage, demo, prod] = await Promise.all(["stage", "demo", "prod"].map(async (stack) => sideOf(await plannedStack(stack))));
        assert.deepStrictEqual(committedAncestors("prod"), ["demo", "stage"]);
        assert.deepStrictEqual([...promotedServices(demo, prod)].sort(), ["api", "web"]);
        assert.deepStrictEqual([...promotedServices(prod, stage)].sort(), ["api", "web"]);
        const unrelated = (side: StackSide): StackSide => ({ ...side, ancestors: [] });
        assert.deepStrictEqual([...promotedServices(unrelated(demo), unrelated(prod))], []);
        const digest = prod.plan.outputs.services.web.digest;
        assert.strictEqual(normaliserFor(prod.plan, new Set(["web"])).value(`web@${digest}`), "web@{services.web.digest}");
        assert.strictEqual(normaliserFor(prod.plan, new Set()).value(`web@${digest}`), `web@${digest}`);
        const migrator = prod.plan.outputs.services.api.migrator!;
        assert.strictEqual(normaliserFor(prod.plan, new Set(["api"])).value(`api-migrator@${migrator}`), "api-migrator@{services.api.migrator}");
        assert.strictEqual(normaliserFor(prod.plan, new Set(["web"])).value(`api-migrator@${migrator}`), `api-migrator@${migrator}`);
    });

    it("unrelated stacks with different digests differ in every image", async () => {
        const demo = await plannedStack("demo");
        const prod = await plannedStack("prod");
        const differences = compareStacks({ plan: demo, ancestors: [] }, { plan: prod, ancestors: [] }).differences;
        const images = differences.filter((difference) => difference.property.endsWith(".image")).map((difference) => `${difference.resource} ${difference.property}`);
        assert.deepStrictEqual(images, ["api-migrations-job template.template.containers[0].image", "api-service template.containers[0].image", "web-service template.containers[0].image"]);
    });
});
