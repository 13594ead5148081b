/**
 * Demo opting in to the load balancer (docs/cutover.md, "Moving demo's hostnames to the load balancer"): what its first
 * plan must show and acknowledge on the live resources it adopted, and what it must not call a collision.
 */
import * as assert from "assert";
import { checkAdoption, readEstate } from "../../adoption";
import { parseStackConfig } from "../../config";
import { COMMITTED_STACKS, edited, evaluate } from "../support/stacks";
import { COMMITTED_ESTATE } from "./support";

/** Pulumi.demo.yaml edited as step 1 says: load-balancer mode, Armor in preview, no adopted domain mapping. */
function demoBehindLoadBalancer(acknowledge: string[]) {
    return edited("demo", (values) => {
        values["bilko:edge"] = { mode: "load-balancer", armor: { mode: "preview" } };
        for (const service of Object.values<Record<string, any>>(values["bilko:services"])) {
            delete service.adopt.domainMapping;
            service.adopt.acknowledge = acknowledge;
        }
    });
}

describe("demo moving to the load balancer, against the estate", function () {
    this.timeout(20000);

    it("shows the ingress and record changes on what it adopted, refuses them until acknowledged, and creates the AAAA records beside them", async () => {
        const acknowledged = demoBehindLoadBalancer(["ingress", "dns.type", "dns.content"]);
        const plan = await evaluate("demo", acknowledged);
        const estate = readEstate(COMMITTED_ESTATE);
        const check = (values: Record<string, unknown>) =>
            checkAdoption({ plan, config: parseStackConfig(values, { stack: "demo", knownStacks: COMMITTED_STACKS }), estate, estateFile: "estate.yaml", app: "bilko" });

        const passing = check(acknowledged);
        assert.deepStrictEqual(passing.refusals, []);
        const api = passing.adopted.find((resource) => resource.name === "bilko-api-demo")!;
        assert.deepStrictEqual(api.changes.find((change) => change.field === "ingress"), {
            field: "ingress",
            change: "changed",
            from: "all",
            to: "internal-and-cloud-load-balancing",
            risk: "callers of its run.app URL and domain mappings are refused from then on",
            acknowledged: true,
        });
        const record = passing.adopted.find((resource) => resource.name === "bilko-demo-api.alai.no" && resource.kind === "cloudflare.dnsRecord")!;
        assert.deepStrictEqual(record.changes.filter((change) => change.risk).map((change) => `${change.field} ${String(change.from)} -> ${String(change.to)}`), ["dns.type CNAME -> A", "dns.content ghs.googlehosted.com -> 203.0.113.80"]);

        const refused = check(demoBehindLoadBalancer([])).refusals;
        assert.deepStrictEqual(refused.map((refusal) => refusal.replace(/ of .*acknowledge it/, " ... acknowledge it")).sort(), [
            'first pulumi up changes dns.content from "ghs.googlehosted.com" to "203.0.113.80" ... acknowledge it (bilko:services.api.adopt.acknowledge: dns.content)',
            'first pulumi up changes dns.content from "ghs.googlehosted.com" to "203.0.113.80" ... acknowledge it (bilko:services.web.adopt.acknowledge: dns.content)',
            'first pulumi up changes dns.type from "CNAME" to "A" ... acknowledge it (bilko:services.api.adopt.acknowledge: dns.type)',
            'first pulumi up changes dns.type from "CNAME" to "A" ... acknowledge it (bilko:services.web.adopt.acknowledge: dns.type)',
            'first pulumi up changes ingress from "all" to "internal-and-cloud-load-balancing" ... acknowledge it (bilko:services.api.adopt.acknowledge: ingress)',
            'first pulumi up changes ingress from "all" to "internal-and-cloud-load-balancing" ... acknowledge it (bilko:services.web.adopt.acknowledge: ingress)',
        ]);
    });

    it("is refused while a service still adopts its domain mapping, naming the key", () => {
        const values = edited("demo", (v) => (v["bilko:edge"] = { mode: "load-balancer", armor: { mode: "preview" } }));
        assert.throws(() => parseStackConfig(values, { stack: "demo", knownStacks: COMMITTED_STACKS }), /^StackConfigError: Pulumi\.demo\.yaml: bilko:services\.web\.adopt\.domainMapping: the load balancer replaces the hostname's domain mapping; /);
    });
});
