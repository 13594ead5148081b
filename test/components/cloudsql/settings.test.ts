import * as assert from "assert";
import { editionForTier, editionMatchesTier, instanceSettings, renderConnectionUrl } from "../../../components/cloudsql";

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
        pgaudit: true,
        publicIp: false,
        privateNetwork: "projects/p/global/networks/bilko-prod",
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

    it("without a public IP: an address in the VPC only, still TLS only, no authorized network", () => {
        assert.deepStrictEqual(instanceSettings(postgres, {}).ipConfiguration, {
            ipv4Enabled: false,
            privateNetwork: "projects/p/global/networks/bilko-prod",
            sslMode: "ENCRYPTED_ONLY",
            authorizedNetworks: [],
        });
        assert.deepStrictEqual(instanceSettings({ ...postgres, publicIp: true }, {}).ipConfiguration, { ipv4Enabled: true, sslMode: "ENCRYPTED_ONLY", authorizedNetworks: [] });
    });

    it("flags per CIS: connections, DDL statements, no statement text by duration; pgAudit only when asked", () => {
        const flags = (pgaudit: boolean) => Object.fromEntries((instanceSettings({ ...postgres, pgaudit }, {}).databaseFlags as Array<{ name: string; value: string }>).map((flag) => [flag.name, flag.value]));
        const logging = { log_connections: "on", log_disconnections: "on", log_statement: "ddl", log_min_duration_statement: "-1" };
        assert.deepStrictEqual(flags(false), logging);
        assert.deepStrictEqual(flags(true), { ...logging, "cloudsql.enable_pgaudit": "on", "pgaudit.log": "ddl,role" });
    });

    it("a password validation policy on every instance", () => {
        assert.deepStrictEqual(instanceSettings(postgres, {}).passwordValidationPolicy, {
            enablePasswordPolicy: true,
            minLength: 16,
            complexity: "COMPLEXITY_DEFAULT",
            reuseInterval: 5,
            disallowUsernameSubstring: true,
        });
    });
});

describe("Postgres: the connection URL bilko writes", () => {
    const values = { user: "bilko_app", password: "pw", database: "bilko", connectionName: "p:europe-north1:bilko-db" };

    it("{host} is the private IP of a private instance, else the socket directory; {socket} is always the socket", () => {
        const template = "postgresql://{user}:{password}@{host}:5432/{database}?sslmode=require";
        assert.strictEqual(renderConnectionUrl(template, { ...values, privateIp: "10.20.0.3" }), "postgresql://bilko_app:pw@10.20.0.3:5432/bilko?sslmode=require");
        assert.strictEqual(renderConnectionUrl("{host}|{socket}", values), "/cloudsql/p:europe-north1:bilko-db|/cloudsql/p:europe-north1:bilko-db");
    });
});
