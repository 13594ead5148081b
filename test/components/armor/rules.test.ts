import * as assert from "assert";
import { armorRules, DEFAULT_RULE_PRIORITY, pathExpression, WAF_RULE_SETS, wafExpression } from "../../../components/armor";

describe("Cloud Armor rules", () => {
    const limits = [{ path: "/auth/login", requests: 10, intervalSeconds: 60 }];

    it("evaluate the WAF first, then the rate limits, then allow the rest: a throttle that allows ends the evaluation", () => {
        const rules = armorRules("enforce", limits);
        assert.deepStrictEqual(
            rules.map((rule) => `${rule.priority} ${rule.action}`),
            [...WAF_RULE_SETS.map((_, index) => `${1000 + index} deny(403)`), "2000 throttle", `${DEFAULT_RULE_PRIORITY} allow`],
        );
        assert.deepStrictEqual([...rules].sort((a, b) => a.priority - b.priority), rules);
    });

    it("cover at least SQL injection, XSS, local file inclusion and remote code execution, at sensitivity 1", () => {
        const expressions = armorRules("enforce", []).map((rule) => ("expr" in rule.match ? rule.match.expr.expression : ""));
        for (const ruleSet of ["sqli-v33-stable", "xss-v33-stable", "lfi-v33-stable", "rce-v33-stable"]) {
            assert.ok(expressions.includes(`evaluatePreconfiguredWaf('${ruleSet}', {'sensitivity': 1})`), ruleSet);
        }
        assert.strictEqual(wafExpression("xss-v33-stable"), "evaluatePreconfiguredWaf('xss-v33-stable', {'sensitivity': 1})");
    });

    it("limit each client IP on a path, answering 429 beyond the threshold", () => {
        const throttle = armorRules("enforce", limits).find((rule) => rule.action === "throttle")!;
        assert.deepStrictEqual(throttle.match, { expr: { expression: "request.path.urlDecode().lower().startsWith('/auth/login')" } });
        assert.deepStrictEqual(throttle.rateLimitOptions, { conformAction: "allow", exceedAction: "deny(429)", enforceOnKey: "IP", rateLimitThreshold: { count: 10, intervalSec: 60 } });
    });

    it("put every rule but the default one in preview in preview mode, none in enforce mode", () => {
        assert.deepStrictEqual(armorRules("preview", limits).map((rule) => rule.preview), [...WAF_RULE_SETS.map(() => true), true, false]);
        assert.ok(armorRules("enforce", limits).every((rule) => rule.preview === false));
    });

    it("compare paths decoded and in lower case, and refuse one that would break out of the expression", () => {
        assert.strictEqual(pathExpression("/Auth/Login"), "request.path.urlDecode().lower().startsWith('/auth/login')");
        assert.throws(() => pathExpression("/x') || true || ('"), /rate-limited path "\/x'\) \|\| true \|\| \('" must be/);
    });

    it("keep descriptions within Cloud Armor's 64 characters", () => {
        const long = armorRules("enforce", [{ path: `/${"a".repeat(80)}`, requests: 1, intervalSeconds: 10 }]);
        assert.ok(long.every((rule) => rule.description.length <= 64));
    });
});
