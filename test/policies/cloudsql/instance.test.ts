import * as assert from "assert";
import {
    cloudSqlPolicies,
    enableConnectionLogging,
    enforceEditionTier,
    disallowPublicAuthorizedNetwork,
    enforcePostgresVersion,
    enableDeletionProtection,
    enablePointInTimeRecovery,
    configureRegionalAvailability,
    enforceSsl,
    missingCostApproval,
} from "../../../policies/cloudsql";
import { checkResource, mutated, unknown, violations } from "../support";
import { INSTANCE, inStage, instance, withSettings } from "./support";

describe("Cloud SQL instance policies", () => {
    for (const policy of cloudSqlPolicies) {
        it(`${policy.name} passes the baseline instance`, async () => {
            assert.deepStrictEqual(await violations(policy, INSTANCE, instance()), []);
        });

        it(`${policy.name} is not applicable to other types`, async () => {
            const outcome = await checkResource(policy, "gcp:sql/database:Database", { instance: "bilko-db", name: "bilko" });
            assert.deepStrictEqual(outcome, { violations: [], notApplicable: `applies only to ${INSTANCE}` });
        });
    }
});

describe("cloudsql-instance-enforce-postgres-version", () => {
    it("refuses another major version than the default requiredPostgresVersion, POSTGRES_16", async () => {
        const props = mutated(instance, (value) => (value.databaseVersion = "POSTGRES_15"));
        assert.deepStrictEqual(await violations(enforcePostgresVersion, INSTANCE, props), [
            'Cloud SQL instance "subject" runs POSTGRES_15 but the pack requires POSTGRES_16 (requiredPostgresVersion); set databaseVersion to POSTGRES_16, or change requiredPostgresVersion in the policy pack config.',
        ]);
    });

    it("follows requiredPostgresVersion from the pack config", async () => {
        const config = { requiredPostgresVersion: "POSTGRES_17" };
        assert.deepStrictEqual(await violations(enforcePostgresVersion, INSTANCE, instance(), config), [
            'Cloud SQL instance "subject" runs POSTGRES_16 but the pack requires POSTGRES_17 (requiredPostgresVersion); set databaseVersion to POSTGRES_17, or change requiredPostgresVersion in the policy pack config.',
        ]);
        const upgraded = mutated(instance, (value) => (value.databaseVersion = "POSTGRES_17"));
        assert.deepStrictEqual(await violations(enforcePostgresVersion, INSTANCE, upgraded, config), []);
    });

    it("declares POSTGRES_16 as its config default, so the engine supplies it", () => {
        assert.deepStrictEqual(enforcePostgresVersion.configSchema?.properties.requiredPostgresVersion, {
            type: "string",
            pattern: "^POSTGRES_\\d+$",
            default: "POSTGRES_16",
            description: "databaseVersion every Cloud SQL instance must run, e.g. POSTGRES_16.",
        });
    });

    it("reports nothing while the version is unknown", async () => {
        const outcome = await checkResource(enforcePostgresVersion, INSTANCE, mutated(instance, (value) => (value.databaseVersion = unknown.string)));
        assert.deepStrictEqual(outcome, { violations: [], notApplicable: "cannot be checked yet: string value at .databaseVersion can't be known during preview" });
    });
});

describe("cloudsql-instance-enforce-ssl", () => {
    it("refuses an instance that accepts unencrypted connections", async () => {
        const props = withSettings((settings) => (settings.ipConfiguration.sslMode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"));
        assert.deepStrictEqual(await violations(enforceSsl, INSTANCE, props), [
            'Cloud SQL instance "subject" accepts unencrypted connections (sslMode ALLOW_UNENCRYPTED_AND_ENCRYPTED); set settings.ipConfiguration.sslMode to ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED.',
        ]);
    });

    it("refuses an unset sslMode, which allows unencrypted connections", async () => {
        const props = withSettings((settings) => delete settings.ipConfiguration);
        assert.deepStrictEqual(await violations(enforceSsl, INSTANCE, props), [
            'Cloud SQL instance "subject" accepts unencrypted connections (sslMode unset); set settings.ipConfiguration.sslMode to ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED.',
        ]);
    });

    it("accepts client certificates required", async () => {
        const props = withSettings((settings) => (settings.ipConfiguration.sslMode = "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"));
        assert.deepStrictEqual(await violations(enforceSsl, INSTANCE, props), []);
    });

    it("reports nothing while sslMode is unknown", async () => {
        const outcome = await checkResource(enforceSsl, INSTANCE, withSettings((settings) => (settings.ipConfiguration.sslMode = unknown.string)));
        assert.deepStrictEqual(outcome, {
            violations: [],
            notApplicable: "cannot be checked yet: string value at .settings.ipConfiguration.sslMode can't be known during preview",
        });
    });
});

describe("cloudsql-instance-disallow-public-authorized-network", () => {
    it("refuses a network open to every address", async () => {
        const props = withSettings((settings) => settings.ipConfiguration.authorizedNetworks.push({ name: "anywhere", value: "0.0.0.0/0" }));
        assert.deepStrictEqual(await violations(disallowPublicAuthorizedNetwork, INSTANCE, props), [
            'Cloud SQL instance "subject" authorizes network 0.0.0.0/0, which admits every address; remove it and connect through the Cloud SQL connector or a narrow CIDR.',
        ]);
    });

    it("refuses the IPv6 equivalent and judges known networks next to unknown ones", async () => {
        const props = withSettings((settings) => settings.ipConfiguration.authorizedNetworks.push(unknown.object, { value: unknown.string }, { value: "::/0" }));
        assert.deepStrictEqual(await violations(disallowPublicAuthorizedNetwork, INSTANCE, props), [
            'Cloud SQL instance "subject" authorizes network ::/0, which admits every address; remove it and connect through the Cloud SQL connector or a narrow CIDR.',
        ]);
    });
});

describe("cloudsql-instance-enable-deletion-protection", () => {
    it("refuses a prod instance Pulumi may delete", async () => {
        const props = mutated(instance, (value) => (value.deletionProtection = false));
        assert.deepStrictEqual(await violations(enableDeletionProtection, INSTANCE, props), [
            'Cloud SQL instance "subject" is labelled environment=prod but deletionProtection is false; set deletionProtection and settings.deletionProtectionEnabled to true.',
        ]);
    });

    it("refuses a prod instance without Google's deletion protection", async () => {
        const props = withSettings((settings) => delete settings.deletionProtectionEnabled);
        assert.deepStrictEqual(await violations(enableDeletionProtection, INSTANCE, props), [
            'Cloud SQL instance "subject" is labelled environment=prod but settings.deletionProtectionEnabled is not true; set deletionProtection and settings.deletionProtectionEnabled to true.',
        ]);
    });

    it("names both guards when both are off", async () => {
        const props = mutated(instance, (value) => {
            value.deletionProtection = false;
            value.settings.deletionProtectionEnabled = false;
        });
        assert.deepStrictEqual(await violations(enableDeletionProtection, INSTANCE, props), [
            'Cloud SQL instance "subject" is labelled environment=prod but deletionProtection is false and settings.deletionProtectionEnabled is not true; set deletionProtection and settings.deletionProtectionEnabled to true.',
        ]);
    });

    it("accepts deletionProtection unset, which the provider treats as on", async () => {
        assert.deepStrictEqual(await violations(enableDeletionProtection, INSTANCE, mutated(instance, (value) => delete value.deletionProtection)), []);
    });

    it("leaves other environments alone", async () => {
        const props = inStage((settings) => (settings.deletionProtectionEnabled = false));
        assert.deepStrictEqual(await violations(enableDeletionProtection, INSTANCE, props), []);
    });

    it("reports nothing while the environment label is unknown", async () => {
        const props = withSettings((settings) => {
            settings.deletionProtectionEnabled = false;
            settings.userLabels = unknown.object;
        });
        const outcome = await checkResource(enableDeletionProtection, INSTANCE, props);
        assert.deepStrictEqual(outcome, { violations: [], notApplicable: "cannot be checked yet: Object value at .settings.userLabels can't be known during preview" });
    });
});

describe("cloudsql-instance-enable-point-in-time-recovery", () => {
    it("refuses a prod instance without point-in-time recovery", async () => {
        const props = withSettings((settings) => (settings.backupConfiguration.pointInTimeRecoveryEnabled = false));
        assert.deepStrictEqual(await violations(enablePointInTimeRecovery, INSTANCE, props), [
            'Cloud SQL instance "subject" is labelled environment=prod but point-in-time recovery is off; set settings.backupConfiguration.enabled and pointInTimeRecoveryEnabled to true.',
        ]);
    });

    it("refuses a prod instance without backups", async () => {
        const props = withSettings((settings) => delete settings.backupConfiguration);
        assert.deepStrictEqual(await violations(enablePointInTimeRecovery, INSTANCE, props), [
            'Cloud SQL instance "subject" is labelled environment=prod but backups are off; set settings.backupConfiguration.enabled and pointInTimeRecoveryEnabled to true.',
        ]);
    });

    it("leaves other environments alone", async () => {
        const props = inStage((settings) => (settings.backupConfiguration.pointInTimeRecoveryEnabled = false));
        assert.deepStrictEqual(await violations(enablePointInTimeRecovery, INSTANCE, props), []);
    });
});

describe("cloudsql-instance-configure-regional-availability", () => {
    it("refuses a ZONAL prod instance", async () => {
        const props = withSettings((settings) => (settings.availabilityType = "ZONAL"));
        assert.deepStrictEqual(await violations(configureRegionalAvailability, INSTANCE, props), [
            'Cloud SQL instance "subject" is labelled environment=prod but runs ZONAL; set settings.availabilityType to REGIONAL for a standby in a second zone.',
        ]);
    });

    it("refuses an unset availability, which is ZONAL", async () => {
        const props = withSettings((settings) => delete settings.availabilityType);
        assert.deepStrictEqual(await violations(configureRegionalAvailability, INSTANCE, props), [
            'Cloud SQL instance "subject" is labelled environment=prod but runs ZONAL (availabilityType unset); set settings.availabilityType to REGIONAL for a standby in a second zone.',
        ]);
    });

    it("leaves other environments alone", async () => {
        assert.deepStrictEqual(await violations(configureRegionalAvailability, INSTANCE, inStage((settings) => (settings.availabilityType = "ZONAL"))), []);
    });
});

describe("cloudsql-instance-enforce-edition-tier", () => {
    it("refuses ENTERPRISE on a performance-optimized tier", async () => {
        const props = withSettings((settings) => (settings.tier = "db-perf-optimized-N-2"));
        assert.deepStrictEqual(await violations(enforceEditionTier, INSTANCE, props), [
            'Cloud SQL instance "subject" runs edition ENTERPRISE on tier "db-perf-optimized-N-2", which that edition cannot run; set settings.edition to ENTERPRISE_PLUS or choose a tier of the ENTERPRISE family.',
        ]);
    });

    it("refuses ENTERPRISE_PLUS on a custom tier", async () => {
        const props = withSettings((settings) => (settings.edition = "ENTERPRISE_PLUS"));
        assert.deepStrictEqual(await violations(enforceEditionTier, INSTANCE, props), [
            'Cloud SQL instance "subject" runs edition ENTERPRISE_PLUS on tier "db-custom-2-7680", which that edition cannot run; set settings.edition to ENTERPRISE or choose a tier of the ENTERPRISE_PLUS family.',
        ]);
    });

    it("refuses an unset edition on POSTGRES_16 with a custom tier, since Cloud SQL then picks ENTERPRISE_PLUS", async () => {
        const props = withSettings((settings) => delete settings.edition);
        assert.deepStrictEqual(await violations(enforceEditionTier, INSTANCE, props), [
            'Cloud SQL instance "subject" leaves settings.edition unset, so Cloud SQL picks ENTERPRISE_PLUS for POSTGRES_16, on tier "db-custom-2-7680", which that edition cannot run; set settings.edition to ENTERPRISE or choose a tier of the ENTERPRISE_PLUS family.',
        ]);
    });

    it("accepts an unset edition before POSTGRES_16, where Cloud SQL picks ENTERPRISE", async () => {
        const props = mutated(instance, (value) => {
            value.databaseVersion = "POSTGRES_15";
            delete value.settings.edition;
        });
        assert.deepStrictEqual(await violations(enforceEditionTier, INSTANCE, props), []);
    });

    it("reports nothing while the tier is unknown", async () => {
        const outcome = await checkResource(enforceEditionTier, INSTANCE, withSettings((settings) => (settings.tier = unknown.string)));
        assert.deepStrictEqual(outcome.violations, []);
        assert.strictEqual(outcome.notApplicable, "cannot be checked yet: string value at .settings.tier can't be known during preview");
    });
});

describe("cloudsql-instance-enable-connection-logging", () => {
    it("advises each connection log flag that is not on", async () => {
        const props = withSettings((settings) => (settings.databaseFlags = [{ name: "log_connections", value: "off" }]));
        assert.deepStrictEqual(await violations(enableConnectionLogging, INSTANCE, props), [
            'Cloud SQL instance "subject" does not set database flag log_connections=on; add it to settings.databaseFlags so every connection leaves a log line.',
            'Cloud SQL instance "subject" does not set database flag log_disconnections=on; add it to settings.databaseFlags so every connection leaves a log line.',
        ]);
    });

    it("reports nothing while one of the flags is unknown", async () => {
        const props = withSettings((settings) => (settings.databaseFlags = [unknown.object]));
        assert.deepStrictEqual(await violations(enableConnectionLogging, INSTANCE, props), []);
    });

    it("is advisory", () => {
        assert.strictEqual(enableConnectionLogging.enforcementLevel, "advisory");
    });
});

describe("cloudsql-instance-missing-cost-approval", () => {
    it("refuses a prod instance without the approval labels, naming each missing one", async () => {
        const props = withSettings((settings) => {
            delete settings.userLabels["cost-approved-by"];
            delete settings.userLabels["cost-approved-usd-month"];
        });
        assert.deepStrictEqual(await violations(missingCostApproval, INSTANCE, props), [
            `Cloud SQL instance "subject" is labelled environment=prod but has no cost-approved-by, cost-approved-usd-month label; record who approved its monthly cost, when, and how much (the stack's approval record becomes these labels).`,
        ]);
    });

    it("refuses an approved cost that is not a whole number of dollars", async () => {
        const props = withSettings((settings) => (settings.userLabels["cost-approved-usd-month"] = "about-100"));
        assert.deepStrictEqual(await violations(missingCostApproval, INSTANCE, props), [
            'Cloud SQL instance "subject" is labelled environment=prod but has cost-approved-usd-month="about-100"; the approved monthly cost is a whole number of US dollars.',
        ]);
    });

    it("asks nothing of instances outside prod", async () => {
        assert.deepStrictEqual(await violations(missingCostApproval, INSTANCE, inStage((settings) => (settings.userLabels = { environment: "stage" }))), []);
    });

    it("cannot be checked while the labels are unknown", async () => {
        const outcome = await checkResource(missingCostApproval, INSTANCE, withSettings((settings) => (settings.userLabels = unknown.object)));
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", /^cannot be checked yet: /);
    });

    it("is mandatory", () => {
        assert.strictEqual(missingCostApproval.enforcementLevel, "mandatory");
    });
});
