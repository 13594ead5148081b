import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { planStacks } from "../../plan/plan";
import { runPlan as planFixture } from "../plan/support";
import { FIXTURE_DIR, fixturePath, POLICY_FIXTURES } from "./fixtures";

describe("policy fixtures, planned in-process", function () {
    this.timeout(30000);

    it("lists every stack file in test/fixtures/policies", () => {
        assert.deepStrictEqual(fs.readdirSync(FIXTURE_DIR).sort(), POLICY_FIXTURES.map((fixture) => fixture.file).sort());
    });

    for (const fixture of POLICY_FIXTURES.filter((candidate) => candidate.schemaKey === undefined)) {
        it(`${fixture.file} is refused by ${fixture.policy} alone`, async () => {
            const [plan] = await planStacks({ stacks: [fixture.stack], configFile: fixturePath(fixture), json: false });
            const mandatory = plan.violations.filter((violation) => violation.enforcementLevel === "mandatory");
            assert.deepStrictEqual([...new Set(mandatory.map((violation) => violation.policy))].sort(), [fixture.policy, ...(fixture.alsoRefusedBy ?? [])].sort());
        });
    }

    for (const fixture of POLICY_FIXTURES.filter((candidate) => candidate.schemaKey !== undefined)) {
        it(`${fixture.file} is refused by the config schema at ${fixture.schemaKey} before ${fixture.policy} could`, async () => {
            await assert.rejects(planStacks({ stacks: [fixture.stack], configFile: fixturePath(fixture), json: false }), (error: Error) => {
                assert.strictEqual(error.message.split(": ").slice(0, 2).join(": "), `${fixture.file}: ${fixture.schemaKey}`);
                return true;
            });
        });
    }
});

describe("npm run plan on a policy fixture", function () {
    this.timeout(30000);
    const zonal = path.join("test", "fixtures", "policies", "prod-zonal-database.yaml");

    it("exits 1, prints the violation row and names the policy in its refusal", async () => {
        const run = await planFixture("prod", "--config", zonal);
        assert.strictEqual(run.status, 1, run.stderr);
        assert.strictEqual(run.stderr, "plan: prod (prod-zonal-database.yaml) violates mandatory policies: cloudsql-instance-configure-regional-availability\n");
        const rows = run.stdout.split("\n").filter((line) => line.includes("cloudsql-instance-configure-regional-availability"));
        assert.deepStrictEqual(rows, [
            '    cloudsql-instance-configure-regional-availability  mandatory  database-instance  Cloud SQL instance "database-instance" is labelled environment=prod but runs ZONAL; set settings.availabilityType to REGIONAL for a standby in a second zone.',
        ]);
    });

    it("--json adds the violations to the stack and still exits 1", async () => {
        const run = await planFixture("prod", "--config", zonal, "--json");
        assert.strictEqual(run.status, 1, run.stderr);
        assert.deepStrictEqual(JSON.parse(run.stdout).stacks[0].violations, [
            {
                policy: "cloudsql-instance-configure-regional-availability",
                enforcementLevel: "mandatory",
                resource: "database-instance",
                message: 'Cloud SQL instance "database-instance" is labelled environment=prod but runs ZONAL; set settings.availabilityType to REGIONAL for a standby in a second zone.',
            },
        ]);
    });

    it("exits 2 when the config schema refuses the fixture first", async () => {
        const run = await planFixture("prod", "--config", path.join("test", "fixtures", "policies", "prod-extra-cors-origin.yaml"));
        assert.strictEqual(run.status, 2);
        assert.match(run.stderr, /^plan: prod-extra-cors-origin\.yaml: bilko:services\.api\.corsExtraOrigins: /);
    });
});
