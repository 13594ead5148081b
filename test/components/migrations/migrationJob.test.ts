import * as assert from "assert";
import { pinnedImage, registryUrl } from "../../../components/registry/images";
import { migrationTargetUrns } from "../../../components/migrations/names";
import { healthUrls, migrationJobs, migrationTargets, previousDigests, smokeUrls } from "../../../components/pipeline/stackFacts";
import { parseStackConfig } from "../../../config";
import type { PlannedResource, StackPlan } from "../../../offline/evaluate";
import { main as facts } from "../../../components/pipeline/factsCommand";
import { committedValues, COMMITTED_STACKS, edited, evaluate, plannedStack, resourceNamed, resourcesOfType } from "../../support/stacks";

const JOB = "gcp:cloudrunv2/job:Job";
const COMPONENT = "bilko:gcp:MigrationJob";

/** URN of a planned resource that is the migrations component or one of its direct children. */
function urnOf(plan: StackPlan, resource: PlannedResource): string {
    const parent = resource.options.parent;
    const type = parent?.startsWith(`${COMPONENT}::`) ? `${COMPONENT}$${resource.type}` : resource.type;
    return `urn:pulumi:${plan.stack}::bilko::${type}::${resource.name}`;
}

describe("migrations job", () => {
    for (const stack of ["stage", "demo", "prod"]) {
        it(`${stack}: runs the api image at ${stack}'s own digest with the configured command`, async () => {
            const values = committedValues(stack);
            const job = resourceNamed(await plannedStack(stack), "api-migrations-job").inputs;
            const container = job.template.template.containers[0];
            const registry = registryUrl(values["bilko:registry"].location, values["gcp:project"], values["bilko:registry"].repository);
            assert.strictEqual(container.image, pinnedImage(registry, "api", values["bilko:services"].api.digest));
            assert.deepStrictEqual([container.commands, container.args], [values["bilko:services"].api.migrations.command, values["bilko:services"].api.migrations.args]);
            assert.strictEqual(job.name, stack === "prod" ? "bilko-api-migrate" : `bilko-api-migrate-${stack}`);
            assert.strictEqual(job.template.template.serviceAccount, `bilko-api-migrate-${stack}@tribal-sign-487920-k0.iam.gserviceaccount.com`);
            assert.strictEqual(job.labels.environment, stack);
        });
    }

    it("connects like the service does, with the database credential it reads and nothing else", async () => {
        const job = resourceNamed(await plannedStack("prod"), "api-migrations-job").inputs;
        const container = job.template.template.containers[0];
        assert.deepStrictEqual(container.envs, [{ name: "DATABASE_URL", valueSource: { secretKeyRef: { secret: "bilko-database-url", version: "1" } } }]);
        assert.deepStrictEqual(job.template.template.volumes, [{ name: "cloudsql", cloudSqlInstance: { instances: ["tribal-sign-487920-k0:europe-north1:bilko-db"] } }]);
        assert.deepStrictEqual(container.volumeMounts, [{ name: "cloudsql", mountPath: "/cloudsql" }]);
        assert.deepStrictEqual([job.template.taskCount, job.template.template.maxRetries], [1, 0]);
    });

    it("gets the split database variables, password by reference, when the service reads those", async () => {
        const plan = await evaluate(
            "prod",
            edited("prod", (v) => {
                delete v["bilko:services"].api.databaseEnv;
                delete v["bilko:postgres"].connectionUrl;
            }),
        );
        const container = resourceNamed(plan, "api-migrations-job").inputs.template.template.containers[0];
        assert.deepStrictEqual(container.envs.map((env: { name: string }) => env.name), ["DB_HOST", "DB_NAME", "DB_USER", "INSTANCE_CONNECTION_NAME", "DB_PASSWORD"]);
        const password = container.envs.find((env: { name: string }) => env.name === "DB_PASSWORD");
        assert.deepStrictEqual(password.valueSource.secretKeyRef, { secret: "bilko-db-bilko-app-password", version: "1" });
        assert.strictEqual(resourceNamed(plan, "api-migrations-db-password").inputs.secretId, "bilko-db-bilko-app-password");
    });

    it("has its own identity: secret accessor on the credential only, Cloud SQL client on its instance only", async () => {
        const plan = await plannedStack("demo");
        const access = resourceNamed(plan, "api-migrations-db-password").inputs;
        assert.deepStrictEqual([access.secretId, access.role], ["bilko-demo-database-url", "roles/secretmanager.secretAccessor"]);
        const sql = resourceNamed(plan, "api-migrations-sql-client").inputs;
        assert.deepStrictEqual([sql.role, sql.condition.title], ["roles/cloudsql.client", "only-bilko-demo-db"]);
        const member = "serviceAccount:bilko-api-migrate-demo@tribal-sign-487920-k0.iam.gserviceaccount.com";
        const grants = plan.resources.filter((resource) => resource.inputs.member === member);
        assert.deepStrictEqual(grants.map((grant) => grant.name).sort(), ["api-migrations-db-password", "api-migrations-sql-client"]);
    });

    it("waits for its grants and the database before it is created", async () => {
        const job = resourceNamed(await plannedStack("demo"), "api-migrations-job");
        for (const dependency of ["api-migrations-deployer", "api-migrations-db-password", "api-migrations-sql-client", "database-instance"]) {
            assert.ok(job.options.dependsOn.some((urn) => urn.endsWith(`::${dependency}`)), dependency);
        }
    });

    it("the pipeline's targeted pulumi up names exactly the component and its children", async () => {
        for (const stack of COMMITTED_STACKS) {
            const plan = await plannedStack(stack);
            const declared = plan.resources
                .filter((resource) => resource.type === COMPONENT || resource.options.parent === `${COMPONENT}::api-migrations`)
                .map((resource) => urnOf(plan, resource));
            assert.deepStrictEqual([...migrationTargetUrns(stack, "bilko", "api")].sort(), declared.sort(), stack);
        }
    });

    it("is not declared for a stack whose services have no migrations", async () => {
        const plan = await evaluate("demo", edited("demo", (v) => delete v["bilko:services"].api.migrations));
        assert.deepStrictEqual(resourcesOfType(plan, JOB), []);
    });
});

describe("stack facts the deploy steps read", () => {
    const demo = () => parseStackConfig(committedValues("demo"), { stack: "demo", knownStacks: COMMITTED_STACKS });

    it("health URLs from each service's hostname and health path", () => {
        assert.deepStrictEqual(healthUrls(demo()), ["https://bilko-demo.alai.no/", "https://bilko-demo-api.alai.no/api/v1/health"]);
    });

    it("smoke URLs add a canary candidate's own URL while it has less than all the traffic", () => {
        const candidate = "https://candidate---bilko-api-demo-abc-lz.a.run.app";
        const rollout = (percent: number) => ({ api: { candidate: "bilko-api-demo-x", stable: "bilko-api-demo-y", candidatePercent: percent, testUrls: { candidate } } });
        assert.deepStrictEqual(smokeUrls(demo(), rollout(10)), ["https://bilko-demo.alai.no/", "https://bilko-demo-api.alai.no/api/v1/health", `${candidate}/api/v1/health`]);
        assert.deepStrictEqual(smokeUrls(demo(), rollout(100)), healthUrls(demo()));
        assert.deepStrictEqual(smokeUrls(demo(), undefined), healthUrls(demo()), "a stack with no rollout output yet");
    });

    it("migrations jobs with their region and project, and the URNs to target", () => {
        assert.deepStrictEqual(migrationJobs("bilko", demo()), ["bilko-api-migrate-demo europe-north1 tribal-sign-487920-k0"]);
        assert.deepStrictEqual(migrationTargets("bilko", demo()), migrationTargetUrns("demo", "bilko", "api"));
    });

    it("previous digests as config key paths, from the stack's services output", () => {
        const web = `sha256:${"a".repeat(64)}`;
        assert.deepStrictEqual(previousDigests({ web: { digest: web, url: "https://x" }, api: { url: "https://y" } }), [`bilko:services.web.digest ${web}`]);
        assert.throws(() => previousDigests(null), /expected the "services" output of the stack/);
    });

    it("the facts tool refuses a usage it does not know with exit 2", () => {
        const errors: string[] = [];
        const original = console.error;
        console.error = (line: string) => errors.push(line);
        try {
            assert.strictEqual(facts(["demo", "everything"]), 2);
        } finally {
            console.error = original;
        }
        assert.deepStrictEqual(errors, ["usage: tools/pipelineFacts.ts <stack> <health-urls|smoke-urls|migration-jobs|migration-targets|previous-digests>"]);
    });
});
