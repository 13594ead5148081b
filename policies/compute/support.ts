/** What the compute policies share: type tokens, subjects of messages and readers of Cloud Armor rules. */
import type { Props } from "../support/policy";

export const BACKEND_SERVICE = "gcp:compute/backendService:BackendService";
export const SECURITY_POLICY = "gcp:compute/securityPolicy:SecurityPolicy";

/** The preconfigured WAF rule sets every prod policy must deny: SQL injection, XSS, local file inclusion, RCE. */
export const REQUIRED_WAF_RULE_SETS = ["sqli", "xss", "lfi", "rce"];

export const backendSubject = (name: string) => `Backend service "${name}"`;
export const policySubject = (name: string) => `Cloud Armor policy "${name}"`;

/** The last segment of a resource reference: `projects/p/global/securityPolicies/x` -> `x`. */
export function referencedName(reference: string): string {
    return reference.split("/").pop() ?? reference;
}

/**
 * The preconfigured rule set a rule evaluates (`sqli` for `evaluatePreconfiguredWaf('sqli-v33-stable', ...)` or the
 * older `evaluatePreconfiguredExpr('sqli-stable')`), each set of a rule that combines several.
 */
export function wafRuleSets(rule: Props): string[] {
    const expression = String(rule.match?.expr?.expression ?? "");
    return [...expression.matchAll(/evaluatePreconfigured(?:Waf|Expr)\(\s*'([a-z]+)-/g)].map((match) => match[1]);
}

/** `deny(403)`, `deny(404)`, ...: the rule blocks what it matches. */
export function denies(rule: Props): boolean {
    return typeof rule.action === "string" && rule.action.startsWith("deny");
}
