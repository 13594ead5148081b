import * as assert from "assert";
import { edgeLines, hostnameEdges } from "../../plan/edgeSummary";
import { plannedStack } from "../support/stacks";

describe("the plan's edge per hostname", () => {
    it("reads prod's from its resources: the load balancer, a Certificate Manager certificate by DNS authorization, Armor enforcing", async () => {
        assert.deepStrictEqual(hostnameEdges((await plannedStack("prod")).resources), [
            { hostname: "bilko.alai.no", mode: "load-balancer", certificate: "bilko-alai-no (Certificate Manager, DNS authorization)", armor: "enforce (bilko-web-armor)", rateLimits: [] },
            { hostname: "bilko-api.alai.no", mode: "load-balancer", certificate: "bilko-api-alai-no (Certificate Manager, DNS authorization)", armor: "enforce (bilko-api-armor)", rateLimits: ["/auth/login 10/60s"] },
        ]);
    });

    it("shows stage's domain mappings without Armor, one aligned line per hostname", async () => {
        assert.deepStrictEqual(edgeLines((await plannedStack("stage")).resources), [
            "  edge:",
            "    bilko-stage.alai.no      domain-mapping  certificate=Cloud Run managed (domain mapping)  armor=none",
            "    bilko-stage-api.alai.no  domain-mapping  certificate=Cloud Run managed (domain mapping)  armor=none",
        ]);
    });

    it("says preview when any rule of the hostname's policy only logs", async () => {
        const resources = structuredClone((await plannedStack("prod")).resources);
        resources.find((resource) => resource.name === "api-armor-policy")!.inputs.rules[0].preview = true;
        assert.strictEqual(hostnameEdges(resources)[1].armor, "preview (bilko-api-armor)");
    });
});
