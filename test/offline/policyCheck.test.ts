import * as assert from "assert";
import { policies } from "../../policies/all";
import { resourcePolicy, stackPolicy } from "../../policies/support/policy";
import { checkedResources, checkStack, runResourcePolicy, violationLines, type Violation } from "../../offline/policyCheck";
import { COMMITTED_STACKS, plannedStack } from "../support/stacks";
import { resource } from "../policies/support";

const SERVICE = "gcp:cloudrunv2/service:Service";

/** Reports what it sees, so each test can read back what the checker handed the policy. */
const echo = resourcePolicy({
    name: "test-resource-enforce-echo",
    description: "Reports its config and whether isType matched.",
    enforcementLevel: "mandatory",
    types: [SERVICE],
    configSchema: { properties: { limit: { type: "number", default: 3 }, note: { type: "string" } } },
    check: (_props, args, report) => {
        const cloudRunService = { __pulumiType: SERVICE };
        const job = { __pulumiType: "gcp:cloudrunv2/job:Job" };
        report(`config=${JSON.stringify(args.getConfig())} isService=${args.isType(cloudRunService as never)} isJob=${args.isType(job as never)}`);
    },
});

describe("offline policy check", function () {
    this.timeout(30000);

    for (const stack of COMMITTED_STACKS) {
        it(`finds no mandatory violation in the committed ${stack} stack`, async () => {
            const violations = await checkStack(await plannedStack(stack), policies);
            assert.deepStrictEqual(violations.filter((violation) => violation.enforcementLevel === "mandatory"), []);
        });
    }

    it("hands getConfig the schema defaults, under the pack config, without enforcementLevel", async () => {
        const service = resource(SERVICE, "web-service", {});
        assert.deepStrictEqual((await runResourcePolicy(echo, service)).violations, [{ message: "config={\"limit\":3} isService=true isJob=false" }]);
        const configured = await runResourcePolicy(echo, service, { enforcementLevel: "advisory", limit: 5, note: "n" });
        assert.deepStrictEqual(configured.violations, [{ message: "config={\"limit\":5,\"note\":\"n\"} isService=true isJob=false" }]);
    });

    it("honours enforcement levels from the pack config, and skips disabled policies", async () => {
        const plan = await plannedStack("prod");
        const levels = async (level: "advisory" | "disabled") =>
            (await checkStack(plan, [echo], { [echo.name]: { enforcementLevel: level } })).map((violation) => `${violation.resource} ${violation.enforcementLevel}`);
        assert.deepStrictEqual(await levels("advisory"), ["web-service advisory", "api-service advisory"]);
        assert.deepStrictEqual(await levels("disabled"), []);
    });

    it("gives resources the URN, parent and protect flag the engine would, and stack policies the components too", async () => {
        const plan = await plannedStack("prod");
        const instance = checkedResources(plan).find((candidate) => candidate.name === "database-instance")!;
        assert.strictEqual(instance.urn, "urn:pulumi:prod::bilko::bilko:gcp:Postgres$gcp:sql/databaseInstance:DatabaseInstance::database-instance");
        assert.strictEqual(instance.opts.parent, "urn:pulumi:prod::bilko::bilko:gcp:Postgres::database");
        assert.strictEqual(instance.opts.protect, true);

        const parents = stackPolicy({
            name: "test-stack-enforce-parents",
            description: "Reports each Cloud SQL instance's parent and dependencies.",
            enforcementLevel: "advisory",
            check: (resources, _args, report) => {
                for (const found of resources.filter((candidate) => candidate.type === "gcp:sql/databaseInstance:DatabaseInstance")) {
                    report(`parent ${found.parent?.name} (${found.parent?.type})`, found.urn);
                }
                report("stack-wide");
            },
        });
        const violations = await checkStack(plan, [parents]);
        assert.deepStrictEqual(violations.map((violation) => `${violation.resource}: ${violation.message}`), ["database-instance: parent database (bilko:gcp:Postgres)", "(stack): stack-wide"]);
    });

    it("lets a policy crash rather than hide it", async () => {
        const broken = resourcePolicy({
            name: "test-resource-enforce-crash",
            description: "Throws.",
            enforcementLevel: "mandatory",
            types: [SERVICE],
            check: () => {
                throw new Error("policy bug");
            },
        });
        await assert.rejects(runResourcePolicy(broken, resource(SERVICE, "web-service", {})), /policy bug/);
    });

    it("prints violations as aligned policy  level  resource  message rows", () => {
        const violations: Violation[] = [
            { policy: "a-long-policy-name", enforcementLevel: "mandatory", resource: "db", message: "first" },
            { policy: "short", enforcementLevel: "advisory", resource: "web-service", message: "second" },
        ];
        assert.deepStrictEqual(violationLines(violations), ["a-long-policy-name  mandatory  db           first", "short               advisory   web-service  second"]);
    });
});
