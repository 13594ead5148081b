import * as assert from "assert";
import { edited, evaluate, plannedStack, resourceNamed, resourcesOfType } from "../support/stacks";

describe("prod database", () => {
    it("is created (not adopted) as REGIONAL HA with both deletion flags, backups, PITR and Pulumi protect", async () => {
        const instance = resourceNamed(await plannedStack("prod"), "database-instance");
        const settings = instance.inputs.settings;
        assert.strictEqual(instance.inputs.name, "bilko-db");
        assert.strictEqual(instance.inputs.databaseVersion, "POSTGRES_16");
        assert.strictEqual(settings.availabilityType, "REGIONAL");
        assert.strictEqual(instance.inputs.deletionProtection, true);
        assert.strictEqual(settings.deletionProtectionEnabled, true);
        assert.strictEqual(settings.backupConfiguration.enabled, true);
        assert.strictEqual(settings.backupConfiguration.pointInTimeRecoveryEnabled, true);
        assert.deepStrictEqual(settings.backupConfiguration.backupRetentionSettings, { retainedBackups: 14, retentionUnit: "COUNT" });
        assert.strictEqual(settings.backupConfiguration.transactionLogRetentionDays, 7);
        assert.strictEqual(instance.options.protect, true);
        assert.strictEqual(instance.options.import, undefined);
    });

    it("without highAvailability is ZONAL", async () => {
        const plan = await evaluate("prod", edited("prod", (v) => (v["bilko:postgres"].highAvailability = false)));
        assert.strictEqual(resourceNamed(plan, "database-instance").inputs.settings.availabilityType, "ZONAL");
    });

    it("without deletionProtection drops both flags and protect together", async () => {
        const plan = await evaluate("demo", edited("demo", (v) => (v["bilko:postgres"].deletionProtection = false)));
        const instance = resourceNamed(plan, "database-instance");
        assert.strictEqual(instance.inputs.deletionProtection, false);
        assert.strictEqual(instance.inputs.settings.deletionProtectionEnabled, false);
        assert.strictEqual(instance.options.protect, false);
    });
});

describe("adoption", () => {
    it("stage imports its database instance, database, user and both Cloud Run services by their ids", async () => {
        const plan = await plannedStack("stage");
        assert.strictEqual(resourceNamed(plan, "database-instance").options.import, "projects/tribal-sign-487920-k0/instances/bilko-staging-db");
        assert.strictEqual(resourceNamed(plan, "database-database").options.import, "projects/tribal-sign-487920-k0/instances/bilko-staging-db/databases/bilko");
        assert.strictEqual(resourceNamed(plan, "database-user").options.import, "tribal-sign-487920-k0/bilko-staging-db/bilko_app");
        assert.strictEqual(resourceNamed(plan, "web-service").options.import, "projects/tribal-sign-487920-k0/locations/europe-north1/services/bilko-web-stage");
        assert.strictEqual(resourceNamed(plan, "api-service").options.import, "projects/tribal-sign-487920-k0/locations/europe-north1/services/bilko-api-stage");
    });

    it("demo adopts its database but creates its services", async () => {
        const plan = await plannedStack("demo");
        assert.strictEqual(resourceNamed(plan, "database-instance").options.import, "projects/tribal-sign-487920-k0/instances/bilko-demo-db");
        assert.strictEqual(resourceNamed(plan, "web-service").options.import, undefined);
        assert.strictEqual(resourceNamed(plan, "web-service").inputs.name, "bilko-web-demo");
    });

    it("prod names its services without a suffix", async () => {
        const plan = await plannedStack("prod");
        assert.deepStrictEqual(resourcesOfType(plan, "gcp:cloudrunv2/service:Service").map((r) => r.inputs.name), ["bilko-web", "bilko-api"]);
    });
});

describe("Artifact Registry (stage owns it)", () => {
    it("is a protected Docker repository with immutable tags and a cleanup policy that keeps sha- tags", async () => {
        const repository = resourceNamed(await plannedStack("stage"), "registry-repository");
        assert.strictEqual(repository.inputs.format, "DOCKER");
        assert.strictEqual(repository.inputs.repositoryId, "bilko");
        assert.strictEqual(repository.inputs.dockerConfig.immutableTags, true);
        assert.strictEqual(repository.inputs.cleanupPolicyDryRun, false);
        assert.ok(repository.inputs.cleanupPolicies.some((p: any) => p.action === "KEEP" && p.condition?.tagPrefixes?.includes("sha-")));
        assert.strictEqual(repository.inputs.labels.environment, "stage");
        assert.strictEqual(repository.options.protect, true);
    });
});

describe("config changes reach the resources", () => {
    it("a private service gets no public invoker", async () => {
        const plan = await evaluate("prod", edited("prod", (v) => (v["bilko:services"].api.public = false)));
        assert.ok(!plan.resources.some((r) => r.name === "api-public-invoker"));
        assert.ok(plan.resources.some((r) => r.name === "web-public-invoker"));
        assert.strictEqual(resourceNamed(plan, "api-service").inputs.labels.public, "false");
    });

    it("proxied DNS records use Cloudflare's automatic TTL", async () => {
        const plan = await evaluate("demo", edited("demo", (v) => (v["bilko:dns"].proxied = true)));
        for (const record of resourcesOfType(plan, "cloudflare:index/dnsRecord:DnsRecord")) {
            assert.strictEqual(record.inputs.proxied, true);
            assert.strictEqual(record.inputs.ttl, 1);
        }
    });

    it("a renamed hostname moves DNS, the domain mapping and CORS together", async () => {
        const plan = await evaluate("prod", edited("prod", (v) => (v["bilko:services"].web.hostname = "app.alai.no")));
        assert.ok(resourcesOfType(plan, "cloudflare:index/dnsRecord:DnsRecord").some((r) => r.inputs.name === "app.alai.no"));
        assert.ok(resourcesOfType(plan, "gcp:cloudrun/domainMapping:DomainMapping").some((r) => r.inputs.name === "app.alai.no"));
        assert.deepStrictEqual(plan.outputs.corsOrigins.api, ["https://app.alai.no"]);
    });

    it("a third service gets its own account, image and hostname", async () => {
        const plan = await evaluate(
            "prod",
            edited("prod", (v) => {
                v["bilko:services"].worker = { ...v["bilko:services"].web, hostname: "bilko-worker.alai.no", env: {}, public: false };
                // A new service never ran in demo: the upstream guard lets it in only as a recorded, forced release.
                v["bilko:releases"].push({ service: "worker", digest: v["bilko:services"].web.digest, from: "demo", at: "2026-11-22T08:00:00Z", by: "a@b.c", kind: "force", reason: "new service" });
            }),
        );
        assert.strictEqual(resourceNamed(plan, "worker-sa").inputs.accountId, "bilko-worker-prod");
        assert.match(resourceNamed(plan, "worker-service").inputs.template.containers[0].image, /\/bilko\/worker@sha256:/);
        assert.strictEqual(plan.outputs.services.worker.url, "https://bilko-worker.alai.no");
    });
});
