import * as assert from "assert";
import { registryUrl } from "../../../components/registry/images";
import { flywayUrl } from "../../../components/migrations";
import { committedValues, edited, evaluate, plannedStack, resourceNamed, resourcesOfType } from "../../support/stacks";

const JOB = "gcp:cloudrunv2/job:Job";

describe("migrations job", () => {
    for (const stack of ["stage", "demo", "prod"]) {
        it(`${stack}: runs Flyway from the api migrator image at ${stack}'s own migrator digest`, async () => {
            const values = committedValues(stack);
            const job = resourceNamed(await plannedStack(stack), "api-migrations-job").inputs;
            const container = job.template.template.containers[0];
            const registry = registryUrl(values["bilko:registry"].location, values["gcp:project"], values["bilko:registry"].repository);
            assert.strictEqual(container.image, `${registry}/api-migrator@${values["bilko:services"].api.migrations.digest}`);
            assert.deepStrictEqual([container.commands, container.args], [undefined, ["migrate"]], "the image's entrypoint is Flyway; the pipeline overrides the args per execution");
            assert.strictEqual(job.name, stack === "prod" ? "bilko-api-migrate" : `bilko-api-migrate-${stack}`);
            assert.strictEqual(job.template.template.serviceAccount, `bilko-api-migrate-${stack}@tribal-sign-487920-k0.iam.gserviceaccount.com`);
            assert.strictEqual(job.labels.environment, stack);
        });
    }

    it("has Flyway's own database env, with the password by reference and nothing of the service; a private instance is dialled through the VPC", async () => {
        const job = resourceNamed(await plannedStack("prod"), "api-migrations-job").inputs;
        const container = job.template.template.containers[0];
        assert.deepStrictEqual(container.envs.map((env: { name: string }) => env.name), ["FLYWAY_CONNECT_RETRIES", "FLYWAY_LOCATIONS", "FLYWAY_URL", "FLYWAY_USER", "FLYWAY_PASSWORD"]);
        const url = container.envs.find((env: { name: string }) => env.name === "FLYWAY_URL").value;
        assert.strictEqual(url, "jdbc:postgresql:///bilko?cloudSqlInstance=tribal-sign-487920-k0:europe-north1:bilko-db&socketFactory=com.google.cloud.sql.postgres.SocketFactory&ipTypes=PRIVATE");
        assert.strictEqual(container.envs.find((env: { name: string }) => env.name === "FLYWAY_USER").value, "bilko_app");
        const password = container.envs.find((env: { name: string }) => env.name === "FLYWAY_PASSWORD");
        assert.deepStrictEqual(password.valueSource.secretKeyRef, { secret: "bilko-db-bilko-app-password", version: "1" });
        assert.deepStrictEqual([job.template.template.volumes, container.volumeMounts], [[], []], "a private instance serves no socket");
        assert.deepStrictEqual(job.template.template.vpcAccess, {
            networkInterfaces: [{ network: "projects/tribal-sign-487920-k0/global/networks/bilko-prod", subnetwork: "projects/tribal-sign-487920-k0/regions/europe-north1/subnetworks/bilko-prod-run-egress" }],
            egress: "PRIVATE_RANGES_ONLY",
        });
        assert.deepStrictEqual([job.template.taskCount, job.template.template.maxRetries], [1, 0]);
    });

    it("reaches a public-IP instance (adopted stage) through the mounted Cloud SQL socket", async () => {
        const job = resourceNamed(await plannedStack("stage"), "api-migrations-job").inputs;
        const container = job.template.template.containers[0];
        assert.strictEqual(
            container.envs.find((env: { name: string }) => env.name === "FLYWAY_URL").value,
            "jdbc:postgresql:///bilko?cloudSqlInstance=tribal-sign-487920-k0:europe-north1:bilko-staging-db&socketFactory=com.google.cloud.sql.postgres.SocketFactory&unixSocketPath=/cloudsql/tribal-sign-487920-k0:europe-north1:bilko-staging-db/.s.PGSQL.5432",
        );
        assert.deepStrictEqual(job.template.template.volumes, [{ name: "cloudsql", cloudSqlInstance: { instances: ["tribal-sign-487920-k0:europe-north1:bilko-staging-db"] } }]);
        assert.deepStrictEqual(container.volumeMounts, [{ name: "cloudsql", mountPath: "/cloudsql" }]);
        assert.strictEqual(job.template.template.vpcAccess, undefined);
    });

    it("for an adopted user whose password bilko never knew, reads the connection URL the app reads instead", async () => {
        const container = resourceNamed(await plannedStack("demo"), "api-migrations-job").inputs.template.template.containers[0];
        assert.deepStrictEqual(container.envs.map((env: { name: string }) => env.name), ["FLYWAY_CONNECT_RETRIES", "FLYWAY_LOCATIONS", "FLYWAY_URL", "FLYWAY_USER", "DATABASE_URL"]);
        const url = container.envs.find((env: { name: string }) => env.name === "DATABASE_URL");
        assert.deepStrictEqual(url.valueSource.secretKeyRef, { secret: "bilko-demo-database-url", version: "latest" });
    });

    it("refuses, in the config, migrations without a credential: a kept password and no connection URL", async () => {
        await assert.rejects(
            evaluate(
                "demo",
                edited("demo", (v) => {
                    delete v["bilko:postgres"].connectionUrl;
                    v["bilko:services"].api.databaseEnv = ["DB_HOST", "DB_NAME", "DB_USER"];
                }),
            ),
            /Pulumi\.demo\.yaml: bilko:postgres\.connectionUrl: the migrations of service "api" need a credential: bilko keeps the live password it never knew/,
        );
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

    it("builds the JDBC URL from the database's connection name and name", () => {
        assert.strictEqual(
            flywayUrl({ connectionName: "p:r:i", databaseName: "db" }),
            "jdbc:postgresql:///db?cloudSqlInstance=p:r:i&socketFactory=com.google.cloud.sql.postgres.SocketFactory&unixSocketPath=/cloudsql/p:r:i/.s.PGSQL.5432",
        );
    });

    it("is not declared for a stack whose services have no migrations", async () => {
        const plan = await evaluate("demo", edited("demo", (v) => delete v["bilko:services"].api.migrations));
        assert.deepStrictEqual(resourcesOfType(plan, JOB), []);
    });
});

