import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { decodePulumiConfig, encodePulumiConfig, parseStackConfig, passwordMode } from "../../config";
import { COMMITTED_STACKS, edited, evaluate } from "../support/stacks";
import { refusal } from "./support";

const KNOWN = COMMITTED_STACKS;

describe("stack config: committed stacks", () => {
    for (const stack of ["stage", "demo", "prod"]) {
        it(`${stack} is valid and typed`, () => {
            const config = parseStackConfig(edited(stack, () => undefined), { stack, knownStacks: KNOWN });
            assert.strictEqual(config.environment, stack);
            assert.strictEqual(config.file, `Pulumi.${stack}.yaml`);
            assert.deepStrictEqual(Object.keys(config.services), ["web", "api"]);
        });
    }

    it("fills defaults for optional keys", () => {
        const config = parseStackConfig(edited("prod", () => undefined), { stack: "prod", knownStacks: KNOWN });
        assert.deepStrictEqual(config.services.web.secrets, {});
        assert.deepStrictEqual(config.services.web.corsFrom, []);
        assert.strictEqual(config.services.web.database, false);
        assert.deepStrictEqual(config.services.web.adopt, { service: false, domainMapping: false, secrets: false, acknowledge: [] });
        assert.deepStrictEqual(config.services.web.databaseEnv, ["DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "INSTANCE_CONNECTION_NAME"]);
        assert.strictEqual(config.postgres.adopt, undefined);
        assert.strictEqual(config.registry.adopt, undefined);
    });
});

describe("stack config: refusals name the file and the key path", () => {
    it("a tag instead of a digest (the issue's example, word for word)", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:services"].api.digest = "latest")),
            'Pulumi.prod.yaml: bilko:services.api.digest: expected "sha256:" and 64 lowercase hex digits, got "latest"',
        );
    });

    it("a digest with uppercase hex", () => {
        const digest = "sha256:" + "A".repeat(64);
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:services"].web.digest = digest)),
            `Pulumi.prod.yaml: bilko:services.web.digest: expected "sha256:" and 64 lowercase hex digits, got "${digest}"`,
        );
    });

    it("a missing top-level key", () => {
        assert.strictEqual(refusal("prod", (v) => delete v["bilko:postgres"]), "Pulumi.prod.yaml: bilko:postgres: missing required key");
    });

    it("a missing nested key", () => {
        assert.strictEqual(refusal("demo", (v) => delete v["bilko:services"].api.port), "Pulumi.demo.yaml: bilko:services.api.port: missing required key");
    });

    it("a missing gcp:project", () => {
        assert.strictEqual(refusal("stage", (v) => delete v["gcp:project"]), "Pulumi.stage.yaml: gcp:project: missing required key");
    });

    it("a typo in a nested key, with the likely key suggested", () => {
        assert.strictEqual(
            refusal("prod", (v) => {
                v["bilko:services"].api.helthPath = v["bilko:services"].api.healthPath;
                delete v["bilko:services"].api.healthPath;
            }),
            'Pulumi.prod.yaml: bilko:services.api.helthPath: unknown key (did you mean "healthPath"?)',
        );
    });

    it("a typo in a top-level key", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:rollouts"] = { canaryPercent: 10 })),
            'Pulumi.prod.yaml: bilko:rollouts: unknown key (did you mean "bilko:rollout"?)',
        );
    });

    it("an unknown key with nothing close to it", () => {
        assert.strictEqual(refusal("prod", (v) => (v["bilko:postgres"].colour = "blue")), "Pulumi.prod.yaml: bilko:postgres.colour: unknown key");
    });

    it("a hostname outside the DNS zone", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:services"].web.hostname = "bilko.example.com")),
            'Pulumi.prod.yaml: bilko:services.web.hostname: "bilko.example.com" is outside the DNS zone "alai.no" (bilko:dns.zone)',
        );
    });

    it("a hostname that only ends with the zone's text", () => {
        assert.match(refusal("prod", (v) => (v["bilko:services"].web.hostname = "bilkoalai.no")), /^Pulumi\.prod\.yaml: bilko:services\.web\.hostname: "bilkoalai\.no" is outside the DNS zone/);
    });

    it("a hostname used by two services", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:services"].api.hostname = "bilko.alai.no")),
            'Pulumi.prod.yaml: bilko:services.api.hostname: "bilko.alai.no" is already the hostname of service "web"',
        );
    });

    it("corsFrom naming an unknown service", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:services"].api.corsFrom = ["webb"])),
            'Pulumi.prod.yaml: bilko:services.api.corsFrom: unknown service "webb" (services: web, api); did you mean "web"?',
        );
    });

    it("upstream naming the stack itself", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:upstream"] = "prod")),
            'Pulumi.prod.yaml: bilko:upstream: "prod" is this stack itself; name the stack this one promotes from',
        );
    });

    it("upstream naming an unknown stack", () => {
        assert.strictEqual(refusal("prod", (v) => (v["bilko:upstream"] = "qa")), 'Pulumi.prod.yaml: bilko:upstream: unknown stack "qa" (known: stage, demo)');
    });

    it("upstream missing on a stack that is promoted into", () => {
        assert.match(refusal("demo", (v) => delete v["bilko:upstream"]), /^Pulumi\.demo\.yaml: bilko:upstream: missing required key: a demo stack promotes from/);
    });

    it("upstream set on stage", () => {
        assert.match(refusal("stage", (v) => (v["bilko:upstream"] = "demo")), /^Pulumi\.stage\.yaml: bilko:upstream: stage is where images enter; it has no upstream/);
    });

    it("a port above 65535", () => {
        assert.strictEqual(refusal("prod", (v) => (v["bilko:services"].api.port = 70000)), "Pulumi.prod.yaml: bilko:services.api.port: expected at most 65535, got 70000");
    });

    it("a port of 0", () => {
        assert.strictEqual(refusal("prod", (v) => (v["bilko:services"].web.port = 0)), "Pulumi.prod.yaml: bilko:services.web.port: expected at least 1, got 0");
    });

    it("a port given as text", () => {
        assert.strictEqual(refusal("prod", (v) => (v["bilko:services"].web.port = "3000")), 'Pulumi.prod.yaml: bilko:services.web.port: expected number, got "3000"');
    });

    it("a canary percentage above 100", () => {
        assert.strictEqual(refusal("prod", (v) => (v["bilko:rollout"].canaryPercent = 150)), "Pulumi.prod.yaml: bilko:rollout.canaryPercent: expected at most 100, got 150");
    });

    it("a negative canary percentage", () => {
        assert.strictEqual(refusal("prod", (v) => (v["bilko:rollout"].canaryPercent = -5)), "Pulumi.prod.yaml: bilko:rollout.canaryPercent: expected at least 0, got -5");
    });

    it("a Postgres version that is not POSTGRES_<n>", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:postgres"].version = "MYSQL_8_0")),
            'Pulumi.prod.yaml: bilko:postgres.version: expected "POSTGRES_<major>" such as "POSTGRES_16", got "MYSQL_8_0"',
        );
    });

    it("ENTERPRISE_PLUS on a shared-core tier", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:postgres"].edition = "ENTERPRISE_PLUS")),
            'Pulumi.prod.yaml: bilko:postgres.edition: ENTERPRISE_PLUS does not run tier "db-custom-2-7680": ENTERPRISE_PLUS needs a db-perf-optimized-N-* tier and those tiers need ENTERPRISE_PLUS',
        );
    });

    it("ENTERPRISE on a performance-optimized tier", () => {
        assert.match(refusal("prod", (v) => (v["bilko:postgres"].tier = "db-perf-optimized-N-4")), /^Pulumi\.prod\.yaml: bilko:postgres\.edition: ENTERPRISE does not run tier "db-perf-optimized-N-4"/);
    });

    it("an unknown edition", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:postgres"].edition = "STANDARD")),
            'Pulumi.prod.yaml: bilko:postgres.edition: expected one of "ENTERPRISE", "ENTERPRISE_PLUS", got "STANDARD"',
        );
    });

    it("extra CORS origins in prod", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:services"].api.corsExtraOrigins = ["http://localhost:3000"])),
            'Pulumi.prod.yaml: bilko:services.api.corsExtraOrigins: extra CORS origins are refused in prod; prod allows only its own hostnames, got ["http://localhost:3000"]',
        );
    });

    it("extra CORS origins are allowed outside prod", () => {
        const config = parseStackConfig(edited("stage", () => undefined), { stack: "stage", knownStacks: KNOWN });
        assert.deepStrictEqual(config.services.api.corsExtraOrigins, ["http://localhost:3000", "https://bilko-web-stage-dh4m46blja-lz.a.run.app"]);
    });

    it("an unknown environment", () => {
        assert.strictEqual(refusal("prod", (v) => (v["bilko:environment"] = "production")), 'Pulumi.prod.yaml: bilko:environment: expected one of "stage", "demo", "prod", got "production"');
    });

    it("a credential given as a plain env value", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:services"].api.env = { STRIPE_API_KEY: "sk_live_123" })),
            "Pulumi.prod.yaml: bilko:services.api.env.STRIPE_API_KEY: looks like a credential; store it in Secret Manager and list it under secrets (STRIPE_API_KEY: <secret id>)",
        );
    });

    it("an env name bilko sets itself", () => {
        assert.match(refusal("prod", (v) => (v["bilko:services"].api.env = { CORS_ORIGINS: "*" })), /^Pulumi\.prod\.yaml: bilko:services\.api\.env\.CORS_ORIGINS: is set by bilko itself/);
    });

    it("an env URL into the zone that no service of the stack publishes (a stale hostname)", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:services"].web.env.NEXT_PUBLIC_API_URL = "https://bilko-old-api.alai.no")),
            'Pulumi.prod.yaml: bilko:services.web.env.NEXT_PUBLIC_API_URL: "https://bilko-old-api.alai.no" is in zone "alai.no" but no service of this stack has that hostname',
        );
    });

    it("minInstances above maxInstances", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:services"].api.minInstances = 20)),
            "Pulumi.prod.yaml: bilko:services.api.minInstances: 20 is more than maxInstances 10",
        );
    });

    it("a pipeline on a stack that does not own shared resources", () => {
        const pipeline = edited("stage", () => undefined)["bilko:pipeline"];
        assert.match(refusal("prod", (v) => (v["bilko:pipeline"] = pipeline)), /^Pulumi\.prod\.yaml: bilko:pipeline: the delivery pipeline lives in the stack with bilko:sharedResources: true/);
    });

    it("a builder image that is not pinned by digest", () => {
        assert.strictEqual(
            refusal("stage", (v) => (v["bilko:pipeline"].builders.docker = "gcr.io/cloud-builders/docker:latest")),
            'Pulumi.stage.yaml: bilko:pipeline.builders.docker: expected an image pinned by digest ("<image>@sha256:<64 hex>"), got "gcr.io/cloud-builders/docker:latest"',
        );
    });

    it("a release entry with a bad digest names its index", () => {
        assert.match(
            refusal("prod", (v) => (v["bilko:releases"] = [{ service: "web", digest: "sha256:abc", from: "demo", at: "2026-11-21T10:00:00Z", by: "a@b.c", kind: "promote" }])),
            /^Pulumi\.prod\.yaml: bilko:releases\[0\]\.digest: expected "sha256:"/,
        );
    });

    it("uses the file name it is given (e.g. a fixture evaluated as prod)", () => {
        assert.throws(
            () => parseStackConfig(edited("prod", (v) => (v["bilko:rollout"].canaryPercent = 101)), { stack: "prod", file: "broken.yaml", knownStacks: KNOWN }),
            { message: "broken.yaml: bilko:rollout.canaryPercent: expected at most 100, got 101" },
        );
    });
});

describe("stack config: Pulumi's string map", () => {
    it("round-trips through the flat strings Pulumi hands the program", () => {
        const values = edited("prod", () => undefined);
        const decoded = decodePulumiConfig({ ...encodePulumiConfig(values), "cloudflare:apiToken": "[secret]" });
        assert.deepStrictEqual(decoded, values);
    });

    it("keeps plain string keys as text even when they look like JSON", () => {
        assert.deepStrictEqual(decodePulumiConfig({ "bilko:environment": "true", "bilko:sharedResources": "true" }), {
            "bilko:environment": "true",
            "bilko:sharedResources": true,
        });
    });

    it("reports a structured key that is not JSON by its value", () => {
        assert.strictEqual(
            refusal("prod", (v) => Object.assign(v, decodePulumiConfig({ "bilko:sharedResources": "yes" }))),
            'Pulumi.prod.yaml: bilko:sharedResources: expected boolean, got "yes"',
        );
    });
});

describe("stack config: refused before anything is declared", () => {
    it("the program stops with the one line under the mock runtime", async () => {
        await assert.rejects(evaluate("prod", edited("prod", (v) => (v["bilko:services"].api.digest = "latest"))), (error: Error) => {
            assert.ok(pulumi.RunError.isInstance(error), "a RunError, which Pulumi prints without a stack trace");
            assert.strictEqual(
                error.message, 'Pulumi.prod.yaml: bilko:services.api.digest: expected "sha256:" and 64 lowercase hex digits, got "latest"',
            );
            return true;
        });
    });
});

describe("stack config: adoption, credentials and the cost approval", () => {
    it("keeps an adopted user's password unless the stack says generate", () => {
        const config = parseStackConfig(edited("demo", (v) => (v["bilko:postgres"].adopt = true)), { stack: "demo", knownStacks: KNOWN });
        assert.deepStrictEqual(config.postgres.adopt, { acknowledge: [] }, "adopt: true is adoption with nothing acknowledged");
        assert.strictEqual(passwordMode(config.postgres), "keep");
        assert.strictEqual(passwordMode(parseStackConfig(edited("prod", () => undefined), { stack: "prod", knownStacks: KNOWN }).postgres), "generate");
    });

    it("refuses keep on a user bilko creates", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:postgres"].password = "keep")),
            'Pulumi.prod.yaml: bilko:postgres.password: "keep" applies to an adopted user (bilko:postgres.adopt); a user bilko creates gets a generated password',
        );
    });

    it("refuses a connection URL template bilko cannot fill, and a generated password the live URL would not carry", () => {
        assert.match(refusal("demo", (v) => (v["bilko:postgres"].connectionUrl.template = "postgres://{user}:{password}@/x")), /^Pulumi\.demo\.yaml: bilko:postgres\.connectionUrl\.template: bilko writes the connection URL only from a password it generates/);
        assert.match(refusal("demo", (v) => (v["bilko:postgres"].password = "generate")), /^Pulumi\.demo\.yaml: bilko:postgres\.connectionUrl\.template: missing required key: with a generated password the secret "bilko-demo-database-url" must carry it/);
        assert.strictEqual(refusal("prod", (v) => (v["bilko:postgres"].connectionUrl.template = "postgres://{user}@/{db}")), "Pulumi.prod.yaml: bilko:postgres.connectionUrl.template: unknown placeholder {db} (placeholders: {user}, {password}, {database}, {connectionName}, {socket}, {host})");
        assert.strictEqual(refusal("prod", (v) => (v["bilko:postgres"].connectionUrl.template = "postgres://{user}@/{database}")), "Pulumi.prod.yaml: bilko:postgres.connectionUrl.template: a connection URL bilko writes carries the generated password: include {password}");
    });

    it("refuses database variables the database cannot serve", () => {
        assert.strictEqual(
            refusal("demo", (v) => (v["bilko:services"].api.databaseEnv = ["DB_HOST", "DB_PASSWORD"])),
            'Pulumi.demo.yaml: bilko:services.api.databaseEnv: DB_PASSWORD is the password bilko generates, and bilko:postgres.password is "keep": read DATABASE_URL (bilko:postgres.connectionUrl) instead',
        );
        assert.strictEqual(refusal("prod", (v) => delete v["bilko:postgres"].connectionUrl), "Pulumi.prod.yaml: bilko:services.api.databaseEnv: DATABASE_URL is read from the secret bilko:postgres.connectionUrl names, and it names none");
        assert.strictEqual(refusal("prod", (v) => (v["bilko:services"].api.databaseEnv = ["DATABASE_URL", "DB_PASSWORD"])), "Pulumi.prod.yaml: bilko:services.api.databaseEnv: read one credential, DATABASE_URL or DB_PASSWORD, not both");
        assert.strictEqual(
            refusal("demo", (v) => {
                delete v["bilko:postgres"].connectionUrl;
                v["bilko:services"].api.databaseEnv = ["DB_HOST"];
            }),
            'Pulumi.demo.yaml: bilko:postgres.connectionUrl: the migrations of service "api" need a credential: bilko keeps the live password it never knew, so name the connection URL secret that carries it',
        );
        assert.match(refusal("demo", (v) => (v["bilko:services"].api.secrets.DATABASE_URL = "x")), /^Pulumi\.demo\.yaml: bilko:services\.api\.secrets\.DATABASE_URL: is set by bilko itself/);
    });

    it("refuses an acknowledgment that names no change the diff can report, and a typo in adopt", () => {
        assert.strictEqual(
            refusal("stage", (v) => (v["bilko:services"].api.adopt.acknowledge = ["env.cors"])),
            'Pulumi.stage.yaml: bilko:services.api.adopt.acknowledge[0]: expected a change the adoption diff reports (image, env.<NAME>, secretEnv.<NAME>, minInstances, maxInstances, serviceAccount, ingress, domainMapping.route, dns.type, dns.content, dns.proxied, dns.ttl), got "env.cors"',
        );
        assert.strictEqual(refusal("demo", (v) => (v["bilko:services"].web.adopt.dnsRcord = "x")), 'Pulumi.demo.yaml: bilko:services.web.adopt.dnsRcord: unknown key (did you mean "dnsRecord"?)');
        assert.strictEqual(refusal("prod", (v) => (v["bilko:postgres"].adopt = { acknowledge: ["tiers"] })), 'Pulumi.prod.yaml: bilko:postgres.adopt.acknowledge[0]: expected a change the adoption diff reports (version, tier, edition, availability, sslMode, ipv4Enabled, password, flags, flags.<name>, authorizedNetworks, authorizedNetworks.<cidr>), got "tiers"');
    });

    it("refuses adopting the registry outside the stack that declares it, or secrets a service does not list", () => {
        assert.strictEqual(refusal("demo", (v) => (v["bilko:registry"].adopt = true)), "Pulumi.demo.yaml: bilko:registry.adopt: the registry is declared by the stack with bilko:sharedResources: true; adopt it there");
        assert.strictEqual(refusal("demo", (v) => (v["bilko:services"].web.adopt.secrets = true)), "Pulumi.demo.yaml: bilko:services.web.adopt.secrets: the service lists no secrets (bilko:services.<name>.secrets) to adopt");
    });

    it("requires the approval of a prod instance's cost (OCD-5)", () => {
        assert.strictEqual(
            refusal("prod", (v) => delete v["bilko:postgres"].approval),
            'Pulumi.prod.yaml: bilko:postgres.approval: missing required key: a prod Cloud SQL instance ("bilko-db") needs the approval of its cost: by, at, monthlyCostUsd',
        );
        assert.match(refusal("prod", (v) => (v["bilko:postgres"].approval.at = "last tuesday")), /^Pulumi\.prod\.yaml: bilko:postgres\.approval\.at: expected a UTC ISO time/);
    });
});
