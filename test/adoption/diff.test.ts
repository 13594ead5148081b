import * as assert from "assert";
import { adoptionDiff } from "../../adoption/diff";

const service = (envs: unknown[], image = "r/api@sha256:1") => ({ template: { serviceAccount: "sa@p", scaling: { minInstanceCount: 0, maxInstanceCount: 3 }, containers: [{ image, envs }] } });
const secretRef = (name: string, secret: string, version = "latest") => ({ name, valueSource: { secretKeyRef: { secret, version } } });

describe("the adoption diff", () => {
    it("compares env by name: added is shown, removed and changed can cut traffic", () => {
        const diff = adoptionDiff("cloudrun.service", service([{ name: "A", value: "1" }, { name: "C", value: "new" }]), { env: { B: "2", C: "old" } });
        assert.deepStrictEqual(diff.changes, [
            { field: "env.A", change: "added", to: "1" },
            { field: "env.B", change: "removed", from: "2", risk: "the running app may read it" },
            { field: "env.C", change: "changed", from: "old", to: "new", risk: "the running app may read it" },
        ]);
    });

    it("compares secret references as <secret>:<version>, and lists what the estate does not know", () => {
        const diff = adoptionDiff("cloudrun.service", service([secretRef("DATABASE_URL", "db-url")]), { secretEnv: { DATABASE_URL: "db-url:latest" }, image: "r/api:stage-1" });
        assert.deepStrictEqual(diff.changes, [{ field: "image", change: "changed", from: "r/api:stage-1", to: "r/api@sha256:1" }]);
        assert.deepStrictEqual(diff.notCaptured, ["env", "minInstances", "maxInstances", "serviceAccount", "ingress"]);
    });

    it("compares ingress as gcloud writes it (unset is all), and closing it is a risk to acknowledge", () => {
        const closed = { ...service([]), ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" };
        assert.deepStrictEqual(adoptionDiff("cloudrun.service", closed, { ingress: "all" }).changes, [
            { field: "ingress", change: "changed", from: "all", to: "internal-and-cloud-load-balancing", risk: "callers of its run.app URL and domain mappings are refused from then on" },
        ]);
        assert.deepStrictEqual(adoptionDiff("cloudrun.service", service([]), { ingress: "all" }).changes, []);
    });

    it("treats tier, edition, version and flag changes and a removed authorized network as risky", () => {
        const instance = {
            databaseVersion: "POSTGRES_16",
            settings: { tier: "db-custom-2-7680", edition: "ENTERPRISE", availabilityType: "REGIONAL", ipConfiguration: { sslMode: "ENCRYPTED_ONLY", ipv4Enabled: true, authorizedNetworks: [] }, databaseFlags: [{ name: "log_connections", value: "on" }] },
        };
        const live = { version: "POSTGRES_15", tier: "db-custom-1-3840", edition: "ENTERPRISE", availability: "ZONAL", sslMode: "ENCRYPTED_ONLY", ipv4Enabled: true, flags: {}, authorizedNetworks: ["198.51.100.0/24"] };
        assert.deepStrictEqual(
            adoptionDiff("sql.instance", instance, live).changes.map((change) => [change.field, change.risk ?? "-"]),
            [
                ["version", "a major version upgrade cannot be undone"],
                ["tier", "Cloud SQL restarts the instance to change it"],
                ["availability", "-"],
                ["flags.log_connections", "Cloud SQL restarts the instance to set, change or remove some flags (its flags reference says which)"],
                ["authorizedNetworks.198.51.100.0/24", "clients connecting from that network lose access"],
            ],
        );
    });

    it("asks for an acknowledgment of flags and authorized networks the estate does not record, which the program replaces whole", () => {
        const instance = { databaseVersion: "POSTGRES_16", settings: { ipConfiguration: { authorizedNetworks: [] }, databaseFlags: [{ name: "log_connections", value: "on" }, { name: "log_disconnections", value: "on" }] } };
        assert.deepStrictEqual(adoptionDiff("sql.instance", instance, { version: "POSTGRES_16" }).changes, [
            {
                field: "flags",
                change: "changed",
                to: "log_connections=on, log_disconnections=on",
                risk: "the estate does not record the live database flags; these replace them all, and Cloud SQL restarts the instance for some flags",
            },
            {
                field: "authorizedNetworks",
                change: "changed",
                to: "none",
                risk: "the estate does not record the live authorized networks; these replace them all, and clients of any other lose access",
            },
        ]);
    });

    it("turning on pgAudit (a restart) and turning off the public IP are risky, even when the estate has no live value", () => {
        const instance = {
            settings: {
                ipConfiguration: { ipv4Enabled: false },
                databaseFlags: [{ name: "log_statement", value: "ddl" }, { name: "cloudsql.enable_pgaudit", value: "on" }],
            },
        };
        const unknownLive = adoptionDiff("sql.instance", instance, {});
        assert.deepStrictEqual(unknownLive.notCaptured, ["ipv4Enabled"]);
        assert.deepStrictEqual(
            unknownLive.changes.map((change) => [change.field, change.risk ?? "-"]),
            [
                ["ipv4Enabled", "clients that reach it at its public IP (the Cloud SQL connector included) lose access"],
                ["flags", "the estate does not record the live database flags; these replace them all, and Cloud SQL restarts the instance for some flags"],
                ["flags.cloudsql.enable_pgaudit", "Cloud SQL restarts the instance to change this flag"],
                ["authorizedNetworks", "the estate does not record the live authorized networks; these replace them all, and clients of any other lose access"],
            ],
        );
        const knownLive = adoptionDiff("sql.instance", instance, { ipv4Enabled: true, flags: { log_statement: "ddl" }, authorizedNetworks: [] });
        assert.deepStrictEqual(
            knownLive.changes.map((change) => [change.field, change.risk ?? "-"]),
            [
                ["ipv4Enabled", "clients that reach it at its public IP (the Cloud SQL connector included) lose access"],
                ["flags.cloudsql.enable_pgaudit", "Cloud SQL restarts the instance to change this flag"],
            ],
        );
        assert.deepStrictEqual(adoptionDiff("sql.instance", instance, { ipv4Enabled: false, flags: { log_statement: "ddl", "cloudsql.enable_pgaudit": "on" }, authorizedNetworks: [] }).changes, []);
    });

    it("any other flag that changes is risky too: the flags reference, not bilko, knows which restart", () => {
        const instance = { settings: { databaseFlags: [{ name: "log_statement", value: "ddl" }] } };
        const changes = adoptionDiff("sql.instance", instance, { flags: { log_statement: "all", max_connections: "200" }, authorizedNetworks: [] }).changes;
        assert.deepStrictEqual(
            changes.map((change) => [change.field, change.change, change.risk ?? "-"]),
            [
                ["flags.log_statement", "changed", "Cloud SQL restarts the instance to set, change or remove some flags (its flags reference says which)"],
                ["flags.max_connections", "removed", "Cloud SQL restarts the instance to set, change or remove some flags (its flags reference says which)"],
            ],
        );
    });

    it("reports a password input on a user as a change, since no API reports a password", () => {
        assert.deepStrictEqual(adoptionDiff("sql.user", { name: "bilko_app" }, {}), { changes: [], notCaptured: [] });
        assert.deepStrictEqual(adoptionDiff("sql.user", { name: "bilko_app", password: "[secret]" }, {}).changes, [
            { field: "password", change: "changed", to: "a generated password", risk: "the running services still connect with the old password" },
        ]);
    });

    it("names DNS and domain mapping changes as a service acknowledges them", () => {
        const record = adoptionDiff("cloudflare.dnsRecord", { type: "CNAME", content: "ghs.googlehosted.com", proxied: false, ttl: 300 }, { type: "A", content: "203.0.113.9", proxied: false, ttl: 1 });
        assert.deepStrictEqual(record.changes.map((change) => [change.field, change.risk ?? "-"]), [
            ["dns.type", "the hostname's traffic goes elsewhere"],
            ["dns.content", "the hostname's traffic goes elsewhere"],
            ["dns.ttl", "-"],
        ]);
        assert.deepStrictEqual(adoptionDiff("cloudrun.domainMapping", { spec: { routeName: "bilko-web-demo" } }, { route: "bilko-web-old" }).changes, [
            { field: "domainMapping.route", change: "changed", from: "bilko-web-old", to: "bilko-web-demo", risk: "the hostname's traffic goes to another service" },
        ]);
    });

    it("compares a repository's cleanup policies as one set of ids", () => {
        const declared = { format: "DOCKER", dockerConfig: { immutableTags: true }, cleanupPolicies: [{ id: "b" }, { id: "a" }] };
        assert.deepStrictEqual(adoptionDiff("artifactregistry.repository", declared, { format: "DOCKER", immutableTags: true, cleanupPolicies: ["a", "b"] }).changes, []);
        assert.deepStrictEqual(adoptionDiff("artifactregistry.repository", declared, { cleanupPolicies: [] }).changes, [{ field: "cleanupPolicies", change: "changed", from: "", to: "a, b" }]);
    });
});
