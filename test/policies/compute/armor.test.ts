import * as assert from "assert";
import { armorRules } from "../../../components/armor/rules";
import { enforceWafRules, missingSecurityPolicy } from "../../../policies/compute";
import { checkResource, mutated, resource, stackViolations, unknown, violations, type Props } from "../support";

const BACKEND = "gcp:compute/backendService:BackendService";
const POLICY = "gcp:compute/securityPolicy:SecurityPolicy";

/** Prod's api policy as the program declares it (its own rules, enforced, one rate limit). */
function policy(environment = "prod"): Props {
    return { name: "bilko-api-armor", type: "CLOUD_ARMOR", labels: { environment }, rules: armorRules("enforce", [{ path: "/auth/login", requests: 10, intervalSeconds: 60 }]) };
}

function backend(securityPolicy?: unknown): Props {
    return { name: "bilko-api-backend", loadBalancingScheme: "EXTERNAL_MANAGED", ...(securityPolicy === undefined ? {} : { securityPolicy }), logConfig: { enable: true, sampleRate: 1 } };
}

describe("compute-securitypolicy-enforce-waf-rules", () => {
    it("accepts the program's own prod policy", async () => {
        assert.deepStrictEqual(await violations(enforceWafRules, POLICY, policy()), []);
    });

    it("refuses a prod policy whose rules only log (preview), once per rule", async () => {
        const props = mutated(policy, (value) => (value.rules = armorRules("preview", [])));
        const found = await violations(enforceWafRules, POLICY, props);
        assert.strictEqual(found[0], 'Cloud Armor policy "subject" is labelled environment=prod but rule 1000 (OWASP CRS 3.3 sqli, sensitivity 1) is in preview, so it only logs; enforce it (bilko:edge.armor.mode: enforce).');
        // Seven WAF rules in preview, and so none of the required sets enforced.
        assert.strictEqual(found.length, 8);
        assert.match(found[7], /denies nothing Google's preconfigured sqli, xss, lfi, rce rules detect/);
    });

    it("refuses a prod policy without one of the required rule sets, naming it", async () => {
        const props = mutated(policy, (value) => (value.rules = value.rules.filter((rule: Props) => !rule.match.expr?.expression.includes("'lfi-"))));
        assert.deepStrictEqual(await violations(enforceWafRules, POLICY, props), [
            "Cloud Armor policy \"subject\" is labelled environment=prod but denies nothing Google's preconfigured lfi rules detect; add a deny rule evaluating each (evaluatePreconfiguredWaf('<set>-v33-stable', ...)).",
        ]);
    });

    it("does not count a rule set that is only allowed or logged", async () => {
        const props = mutated(policy, (value) => (value.rules.find((rule: Props) => rule.match.expr?.expression.includes("'rce-")).action = "allow"));
        assert.match((await violations(enforceWafRules, POLICY, props))[0], /denies nothing Google's preconfigured rce rules detect/);
    });

    it("accepts the older evaluatePreconfiguredExpr form and one rule combining several sets", async () => {
        const rules = [{ priority: 1, action: "deny(403)", match: { expr: { expression: "evaluatePreconfiguredExpr('sqli-stable') || evaluatePreconfiguredExpr('xss-stable') || evaluatePreconfiguredWaf('lfi-v33-stable') || evaluatePreconfiguredWaf('rce-v33-stable')" } } }];
        assert.deepStrictEqual(await violations(enforceWafRules, POLICY, { ...policy(), rules }), []);
    });

    it("leaves policies outside prod alone, preview included", async () => {
        assert.deepStrictEqual(await violations(enforceWafRules, POLICY, { ...policy("stage"), rules: armorRules("preview", []) }), []);
    });

    it("is not applicable to other types", async () => {
        assert.deepStrictEqual(await checkResource(enforceWafRules, BACKEND, policy()), { violations: [], notApplicable: `applies only to ${POLICY}` });
    });
});

describe("compute-backendservice-missing-security-policy", () => {
    const stack = (securityPolicy?: unknown) => [resource(BACKEND, "lb-api-backend", backend(securityPolicy)), resource(POLICY, "api-armor-policy", policy())];

    it("accepts a backend attached to a policy of the stack, by id or by name", async () => {
        assert.deepStrictEqual(await stackViolations(missingSecurityPolicy, stack("projects/p/global/securityPolicies/bilko-api-armor")), []);
        assert.deepStrictEqual(await stackViolations(missingSecurityPolicy, stack("bilko-api-armor")), []);
    });

    it("refuses a backend without a security policy", async () => {
        assert.deepStrictEqual(await stackViolations(missingSecurityPolicy, stack()), [
            "lb-api-backend: Backend service \"lb-api-backend\" has no Cloud Armor security policy, so no WAF rule or rate limit sees the requests it serves; attach its service's policy (securityPolicy).",
        ]);
    });

    it("refuses a backend attached to a policy the stack does not declare", async () => {
        assert.deepStrictEqual(await stackViolations(missingSecurityPolicy, stack("projects/p/global/securityPolicies/allow-all")), [
            'lb-api-backend: Backend service "lb-api-backend" names security policy "projects/p/global/securityPolicies/allow-all", which this stack does not declare; attach a policy of this stack, whose rules the pack checks.',
        ]);
    });

    it("skips a backend whose policy reference is unknown during preview", async () => {
        assert.deepStrictEqual(await stackViolations(missingSecurityPolicy, stack(unknown.string)), []);
    });
});
