import * as assert from "assert";
import { editionForTier, editionMatchesTier, instanceSettings } from "../../../components/cloudsql";

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
