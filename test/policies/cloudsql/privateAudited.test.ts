import * as assert from "assert";
import { configureStatementLogging, disallowPublicIp, enablePasswordPolicy, enablePgaudit } from "../../../policies/cloudsql";
import { checkResource, unknown, violations } from "../support";
import { INSTANCE, inStage, withSettings } from "./support";

const setFlag = (name: string, value: string | undefined) =>
    withSettings((settings) => {
        settings.databaseFlags = settings.databaseFlags.filter((flag: { name: string }) => flag.name !== name);
        if (value !== undefined) {
            settings.databaseFlags.push({ name, value });
        }
    });

describe("cloudsql-instance-disallow-public-ip", () => {
    it("refuses a public IP in prod", async () => {
        const props = withSettings((settings) => (settings.ipConfiguration.ipv4Enabled = true));
        assert.deepStrictEqual(await violations(disallowPublicIp, INSTANCE, props), [
            'Cloud SQL instance "subject" is labelled environment=prod but has a public IP; set settings.ipConfiguration.ipv4Enabled to false (bilko:postgres.publicIp: false) and reach it over its private IP.',
        ]);
    });

    it("refuses ipv4Enabled left unset (Cloud SQL's default is a public IP)", async () => {
        assert.strictEqual((await violations(disallowPublicIp, INSTANCE, withSettings((settings) => delete settings.ipConfiguration.ipv4Enabled))).length, 1);
    });

    it("refuses an instance with neither a public IP nor a private network", async () => {
        assert.deepStrictEqual(await violations(disallowPublicIp, INSTANCE, withSettings((settings) => delete settings.ipConfiguration.privateNetwork)), [
            'Cloud SQL instance "subject" is labelled environment=prod but has no IP at all: set settings.ipConfiguration.privateNetwork to the VPC peered through Private Service Access (bilko:network).',
        ]);
    });

    it("lets an adopted stage instance keep its public IP", async () => {
        assert.deepStrictEqual(await violations(disallowPublicIp, INSTANCE, inStage((settings) => (settings.ipConfiguration.ipv4Enabled = true))), []);
    });
});

describe("cloudsql-instance-enable-pgaudit", () => {
    it("refuses prod without cloudsql.enable_pgaudit=on", async () => {
        assert.deepStrictEqual(await violations(enablePgaudit, INSTANCE, setFlag("cloudsql.enable_pgaudit", undefined)), [
            'Cloud SQL instance "subject" is labelled environment=prod but does not set cloudsql.enable_pgaudit=on; turn pgAudit on (bilko:postgres.pgaudit) so schema and role changes leave an audit trail.',
        ]);
        assert.strictEqual((await violations(enablePgaudit, INSTANCE, setFlag("cloudsql.enable_pgaudit", "off"))).length, 1);
    });

    it("refuses pgAudit that logs nothing", async () => {
        assert.deepStrictEqual(await violations(enablePgaudit, INSTANCE, setFlag("pgaudit.log", "none")), [
            'Cloud SQL instance "subject" is labelled environment=prod but runs pgAudit with pgaudit.log "none", which logs nothing; set it to the classes to audit, e.g. ddl,role.',
        ]);
        assert.match((await violations(enablePgaudit, INSTANCE, setFlag("pgaudit.log", undefined)))[0], /pgaudit\.log unset, which logs nothing/);
    });

    it("leaves stage, whose restart is staged, alone", async () => {
        assert.deepStrictEqual(await violations(enablePgaudit, INSTANCE, inStage((settings) => (settings.databaseFlags = []))), []);
    });
});

describe("cloudsql-instance-configure-statement-logging", () => {
    it("refuses log_statement below ddl, in every environment", async () => {
        assert.deepStrictEqual(await violations(configureStatementLogging, INSTANCE, setFlag("log_statement", "none")), [
            'Cloud SQL instance "subject" sets log_statement to "none"; set it to ddl so every schema change is logged.',
        ]);
        const stage = inStage((settings) => (settings.databaseFlags = settings.databaseFlags.filter((flag: { name: string }) => flag.name !== "log_statement")));
        assert.deepStrictEqual(await violations(configureStatementLogging, INSTANCE, stage), [
            `Cloud SQL instance "subject" sets log_statement to nothing (PostgreSQL's default, none); set it to ddl so every schema change is logged.`,
        ]);
        assert.deepStrictEqual(await violations(configureStatementLogging, INSTANCE, setFlag("log_statement", "all")), []);
    });

    it("refuses statements logged by duration", async () => {
        assert.deepStrictEqual(await violations(configureStatementLogging, INSTANCE, setFlag("log_min_duration_statement", "500")), [
            'Cloud SQL instance "subject" sets log_min_duration_statement to "500"; set it to -1: statements logged by duration carry their text, and so the data in them, into the logs.',
        ]);
    });
});

describe("cloudsql-instance-enable-password-policy", () => {
    it("refuses an instance without a password validation policy", async () => {
        assert.deepStrictEqual(await violations(enablePasswordPolicy, INSTANCE, withSettings((settings) => delete settings.passwordValidationPolicy)), [
            'Cloud SQL instance "subject" has no password validation policy; set settings.passwordValidationPolicy with enablePasswordPolicy: true, a minLength and complexity.',
        ]);
        assert.strictEqual((await violations(enablePasswordPolicy, INSTANCE, withSettings((settings) => (settings.passwordValidationPolicy.enablePasswordPolicy = false)))).length, 1);
    });

    it("refuses a short minimum length", async () => {
        assert.deepStrictEqual(await violations(enablePasswordPolicy, INSTANCE, withSettings((settings) => (settings.passwordValidationPolicy.minLength = 8))), [
            'Cloud SQL instance "subject" accepts passwords of 8 characters; set passwordValidationPolicy.minLength to 12 or more.',
        ]);
    });

    it("cannot judge a policy unknown during preview", async () => {
        const outcome = await checkResource(enablePasswordPolicy, INSTANCE, withSettings((settings) => (settings.passwordValidationPolicy = unknown.object)));
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", /can't be known during preview/);
    });
});
