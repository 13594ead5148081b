import * as assert from "assert";
import { enforceEnvironmentLabel } from "../../../policies/stack";
import { resource, stackViolations, unknown } from "../support";

/** One of each labelled type the program declares, all labelled prod, plus types that carry no labels. */
function prodStack() {
    return [
        resource("bilko:gcp:CloudRunService", "api", {}),
        resource("gcp:cloudrunv2/service:Service", "api-service", { labels: { environment: "prod", app: "bilko" } }),
        resource("gcp:sql/databaseInstance:DatabaseInstance", "database-instance", { settings: { userLabels: { environment: "prod" } } }),
        resource("gcp:cloudrun/domainMapping:DomainMapping", "api-mapping", { metadata: { labels: { environment: "prod" } } }),
        resource("gcp:secretmanager/secret:Secret", "password-secret", { labels: { environment: "prod" } }),
        resource("gcp:serviceaccount/account:Account", "api-sa", { accountId: "bilko-api-prod" }),
        resource("gcp:projects/iAMMember:IAMMember", "api-sql-client", { role: "roles/cloudsql.client" }),
        resource("gcp:sql/user:User", "database-user", { name: "bilko_app" }),
        resource("cloudflare:index/dnsRecord:DnsRecord", "api-record", { name: "bilko-api.alai.no" }),
    ];
}

describe("stack-resources-enforce-environment-label", () => {
    it("accepts a stack whose labelled resources all say prod, ignoring types that carry no labels", async () => {
        assert.deepStrictEqual(await stackViolations(enforceEnvironmentLabel, prodStack()), []);
    });

    it("refuses a labelled resource without the environment label, naming where its labels go", async () => {
        const resources = prodStack();
        resources[2].props.settings.userLabels = { app: "bilko" };
        assert.deepStrictEqual(await stackViolations(enforceEnvironmentLabel, resources), [
            'database-instance: gcp:sql/databaseInstance:DatabaseInstance "database-instance" has no environment label; add environment=<the stack\'s environment> to its settings.userLabels, as every labelled resource of a stack carries one.',
        ]);
    });

    it("refuses a resource of a labelled type that has no labels at all", async () => {
        const resources = prodStack();
        resources[3].props = {};
        assert.deepStrictEqual(await stackViolations(enforceEnvironmentLabel, resources), [
            'api-mapping: gcp:cloudrun/domainMapping:DomainMapping "api-mapping" has no environment label; add environment=<the stack\'s environment> to its metadata.labels, as every labelled resource of a stack carries one.',
        ]);
    });

    it("refuses a resource whose environment differs from the rest of the stack", async () => {
        const resources = prodStack();
        resources[4].props.labels.environment = "stage";
        assert.deepStrictEqual(await stackViolations(enforceEnvironmentLabel, resources), [
            'password-secret: gcp:secretmanager/secret:Secret "password-secret" is labelled environment=stage but the rest of the stack is environment=prod; one stack deploys one environment, so label it prod or move it to the stage stack.',
        ]);
    });

    it("checks any other Google Cloud type that sets labels", async () => {
        const bucket = resource("gcp:storage/bucket:Bucket", "exports", { labels: { app: "bilko" } });
        const topic = resource("gcp:pubsub/subscription:Subscription", "events", { labels: { environment: "demo" } });
        assert.deepStrictEqual(await stackViolations(enforceEnvironmentLabel, [...prodStack(), bucket, topic]), [
            'exports: gcp:storage/bucket:Bucket "exports" has no environment label; add environment=<the stack\'s environment> to its labels, as every labelled resource of a stack carries one.',
            'events: gcp:pubsub/subscription:Subscription "events" is labelled environment=demo but the rest of the stack is environment=prod; one stack deploys one environment, so label it prod or move it to the demo stack.',
        ]);
    });

    it("skips resources whose labels are unknown, and still judges the others", async () => {
        const resources = prodStack();
        resources[1].props.labels = unknown.object;
        resources[4].props.labels.environment = unknown.string;
        resources[2].props.settings.userLabels.environment = "demo";
        resources.push(resource("gcp:artifactregistry/repository:Repository", "registry", { labels: { environment: "prod" } }));
        assert.deepStrictEqual(await stackViolations(enforceEnvironmentLabel, resources), [
            'database-instance: gcp:sql/databaseInstance:DatabaseInstance "database-instance" is labelled environment=demo but the rest of the stack is environment=prod; one stack deploys one environment, so label it prod or move it to the demo stack.',
        ]);
    });
});
