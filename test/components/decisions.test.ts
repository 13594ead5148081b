import * as assert from "assert";
import { corsOrigins } from "../../components/edge/cors";
import { dnsRecordFor } from "../../components/edge/dnsRecord";
import { isDigest, isPinnedImage, pinnedImage, registryUrl } from "../../components/registry/images";
import { cloudRunServiceName, databasePasswordSecretId, serviceAccountId, sqlConnectionName } from "../../components/workload/names";
import { editionForTier, editionMatchesTier } from "../../components/cloudsql/rules";
import { instanceSettings } from "../../components/cloudsql/settings";
import { looksLikeSecretName } from "../../components/workload/secretNames";
import { serviceEnv } from "../../components/workload/env";
import { closest } from "../../common/suggest";

const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("names", () => {
    it("suffixes Cloud Run services outside prod only", () => {
        assert.strictEqual(cloudRunServiceName("bilko", "prod", "api"), "bilko-api");
        assert.strictEqual(cloudRunServiceName("bilko", "stage", "api"), "bilko-api-stage");
        assert.strictEqual(cloudRunServiceName("bilko", "demo", "web"), "bilko-web-demo");
    });

    it("gives each service and environment its own account id, within 30 characters", () => {
        assert.strictEqual(serviceAccountId("bilko", "prod", "api"), "bilko-api-prod");
        assert.strictEqual(serviceAccountId("bilko", "stage", "a".repeat(18)), `bilko-${"a".repeat(18)}-stage`);
    });

    it("cuts a longer account id and keeps it unique, stable and valid with a hash of the whole", () => {
        const long = serviceAccountId("bilko", "stage", "notifications-migrate");
        assert.match(long, /^bilko-notifications-m-[0-9a-f]{8}$/);
        assert.strictEqual(serviceAccountId("bilko", "stage", "notifications-migrate"), long);
        assert.notStrictEqual(serviceAccountId("bilko", "stage", "notifications-migrator"), long);
        assert.match(serviceAccountId("bilko", "stage", "a-b-c-d-e-f-g-h-i-j-k-l"), /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
    });

    it("names the password secret from instance and user, with Secret Manager's characters", () => {
        assert.strictEqual(databasePasswordSecretId("bilko-db", "bilko_app"), "bilko-db-bilko-app-password");
    });

    it("knows the Cloud SQL connection name before the instance exists", () => {
        assert.strictEqual(sqlConnectionName("p-1", "europe-north1", "db"), "p-1:europe-north1:db");
    });
});

describe("images", () => {
    it("pins <registry>/<service>@<digest>", () => {
        const registry = registryUrl("europe-north1", "proj", "bilko");
        assert.strictEqual(registry, "europe-north1-docker.pkg.dev/proj/bilko");
        assert.strictEqual(pinnedImage(registry, "api", DIGEST), `europe-north1-docker.pkg.dev/proj/bilko/api@${DIGEST}`);
        assert.ok(isPinnedImage(pinnedImage(registry, "api", DIGEST)));
    });

    it("refuses tags, short digests and tag+digest mixtures", () => {
        assert.ok(!isPinnedImage("europe-north1-docker.pkg.dev/proj/bilko/api:latest"));
        assert.ok(!isPinnedImage("europe-north1-docker.pkg.dev/proj/bilko/api@sha256:abc"));
        assert.ok(!isPinnedImage(`europe-north1-docker.pkg.dev/proj/bilko/api:v1@${DIGEST}`));
        assert.ok(!isDigest(DIGEST.toUpperCase()));
        assert.ok(isDigest(DIGEST));
    });
});

describe("CORS origins", () => {
    const services = {
        web: { hostname: "bilko.alai.no", corsFrom: [], corsExtraOrigins: [] },
        admin: { hostname: "admin.alai.no", corsFrom: [], corsExtraOrigins: [] },
        api: { hostname: "api.alai.no", corsFrom: ["web", "admin"], corsExtraOrigins: ["http://localhost:3000", "https://bilko.alai.no"] },
    };

    it("lists https://<hostname> of the corsFrom services in order, then extras, without duplicates", () => {
        assert.deepStrictEqual(corsOrigins(services, "api"), ["https://bilko.alai.no", "https://admin.alai.no", "http://localhost:3000"]);
    });

    it("is empty for a service that names no sources", () => {
        assert.deepStrictEqual(corsOrigins(services, "web"), []);
    });
});

describe("service environment", () => {
    const database = { instanceName: "db", connectionName: "p:r:db", databaseName: "bilko", user: "bilko_app", passwordSecretId: "db-pw", passwordSecretVersion: "3" };

    it("joins CORS origins, binds the database and references every secret", () => {
        const env = serviceEnv({ env: { LOG_LEVEL: "info" }, secrets: { JWT_SECRET: "jwt" }, corsOrigins: ["https://a.no", "https://b.no"], database });
        assert.deepStrictEqual(env.plain, [
            { name: "CORS_ORIGINS", value: "https://a.no,https://b.no" },
            { name: "DB_HOST", value: "/cloudsql/p:r:db" },
            { name: "DB_NAME", value: "bilko" },
            { name: "DB_USER", value: "bilko_app" },
            { name: "INSTANCE_CONNECTION_NAME", value: "p:r:db" },
            { name: "LOG_LEVEL", value: "info" },
        ]);
        assert.deepStrictEqual(env.secret, [
            { name: "DB_PASSWORD", secret: "db-pw", version: "3" },
            { name: "JWT_SECRET", secret: "jwt", version: "latest" },
        ]);
    });

    it("adds nothing for a plain service", () => {
        assert.deepStrictEqual(serviceEnv({ env: {}, secrets: {}, corsOrigins: [] }), { plain: [], secret: [] });
    });
});

describe("secret-looking names", () => {
    for (const name of ["JWT_SECRET", "DB_PASSWORD", "GITHUB_TOKEN", "STRIPE_API_KEY", "APIKEY", "SIGNING_PRIVATE_KEY", "DATABASE_URL", "SENTRY_DSN"]) {
        it(`${name} is a credential`, () => assert.ok(looksLikeSecretName(name)));
    }
    for (const name of ["NEXT_PUBLIC_API_URL", "LOG_LEVEL", "PORT_OFFSET", "NEXT_PUBLIC_TOKEN_ENDPOINT"]) {
        it(`${name} is not`, () => assert.ok(!looksLikeSecretName(name)));
    }
});

describe("Postgres", () => {
    it("pairs Enterprise Plus with performance-optimized tiers only", () => {
        assert.strictEqual(editionForTier("db-perf-optimized-N-8"), "ENTERPRISE_PLUS");
        assert.strictEqual(editionForTier("db-custom-2-7680"), "ENTERPRISE");
        assert.ok(editionMatchesTier("ENTERPRISE", "db-custom-2-7680"));
        assert.ok(!editionMatchesTier("ENTERPRISE_PLUS", "db-custom-2-7680"));
    });

    const postgres = {
        instanceName: "db",
        version: "POSTGRES_16",
        edition: "ENTERPRISE" as const,
        tier: "db-custom-2-7680",
        highAvailability: true,
        deletionProtection: true,
        pointInTimeRecovery: true,
        backupRetentionDays: 30,
        databaseName: "bilko",
        user: "bilko_app",
        adopt: false,
    };

    it("caps PITR log retention at the edition's maximum while keeping the backup count", () => {
        const backups = instanceSettings(postgres, {}).backupConfiguration as any;
        assert.strictEqual(backups.transactionLogRetentionDays, 7);
        assert.deepStrictEqual(backups.backupRetentionSettings, { retainedBackups: 30, retentionUnit: "COUNT" });
        const plus = instanceSettings({ ...postgres, edition: "ENTERPRISE_PLUS", tier: "db-perf-optimized-N-2" }, {}).backupConfiguration as any;
        assert.strictEqual(plus.transactionLogRetentionDays, 30);
    });

    it("maps highAvailability to REGIONAL and its absence to ZONAL", () => {
        assert.strictEqual(instanceSettings(postgres, {}).availabilityType, "REGIONAL");
        assert.strictEqual(instanceSettings({ ...postgres, highAvailability: false }, {}).availabilityType, "ZONAL");
    });
});

describe("DNS records", () => {
    it("point at Cloud Run's domain-mapping target, with TTL 1 when proxied", () => {
        assert.deepStrictEqual(
            { ...dnsRecordFor("a.alai.no", { kind: "cloudrun" }, true), comment: undefined },
            { name: "a.alai.no", type: "CNAME", content: "ghs.googlehosted.com", proxied: true, ttl: 1, comment: undefined },
        );
        assert.strictEqual(dnsRecordFor("a.alai.no", { kind: "cloudrun" }, false).ttl, 300);
    });

    it("point a GKE hostname at its Ingress address with an A record", () => {
        const record = dnsRecordFor("k.alai.no", { kind: "ingress", address: "203.0.113.9" }, false);
        assert.deepStrictEqual([record.type, record.content, record.ttl], ["A", "203.0.113.9", 300]);
    });
});

describe("suggestions", () => {
    it("finds the closest key for a typo and nothing for an unrelated word", () => {
        assert.strictEqual(closest("helthPath", ["healthPath", "hostname"]), "healthPath");
        assert.strictEqual(closest("colour", ["tier", "edition"]), undefined);
    });
});
