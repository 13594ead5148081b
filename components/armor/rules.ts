/**
 * The rules of a service's Cloud Armor policy, as plain records: Google's preconfigured WAF rule sets first (deny 403),
 * then per-client rate limits on declared paths (429 beyond the threshold), then the default rule that allows the rest.
 * Rules are evaluated by priority and the first match decides, so the WAF comes first: a rate limit that lets a
 * request through ("allow" while under the threshold) would otherwise end the evaluation before the WAF saw it.
 */

/** `preview`: every rule only logs what it would do; `enforce`: rules act. */
export type ArmorMode = "preview" | "enforce";

/**
 * Preconfigured WAF rule sets (OWASP CRS 3.3) every policy evaluates: SQL injection, cross-site scripting, local and
 * remote file inclusion, remote code execution, protocol attacks (request smuggling, header injection) and Java
 * attacks (the API runs on the JVM).
 */
export const WAF_RULE_SETS = ["sqli-v33-stable", "xss-v33-stable", "lfi-v33-stable", "rfi-v33-stable", "rce-v33-stable", "protocolattack-v33-stable", "java-v33-stable"] as const;

/** The lowest sensitivity (ModSecurity paranoia level 1): the fewest false positives, what Google advises to start with. */
export const WAF_SENSITIVITY = 1;

const WAF_PRIORITY = 1000;
const RATE_LIMIT_PRIORITY = 2000;
/** Cloud Armor's limit on a rule's description. */
const MAX_DESCRIPTION = 64;
/** Cloud Armor's default rule: the lowest priority there is. */
export const DEFAULT_RULE_PRIORITY = 2147483647;

export interface RateLimit {
    /** Requests whose URL-decoded, lower-cased path starts with this count against the limit. */
    path: string;
    /** Requests per client IP per interval; beyond it the client gets 429 until the interval passes. */
    requests: number;
    intervalSeconds: number;
}

export interface ArmorRule {
    priority: number;
    action: string;
    description: string;
    preview: boolean;
    match: { expr: { expression: string } } | { versionedExpr: "SRC_IPS_V1"; config: { srcIpRanges: string[] } };
    rateLimitOptions?: {
        conformAction: "allow";
        exceedAction: "deny(429)";
        enforceOnKey: "IP";
        rateLimitThreshold: { count: number; intervalSec: number };
    };
}

/** `evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})`. */
export function wafExpression(ruleSet: string): string {
    return `evaluatePreconfiguredWaf('${ruleSet}', {'sensitivity': ${WAF_SENSITIVITY}})`;
}

/** Decoded and lower-cased first, so `/Auth/%6Cogin` counts as `/auth/login`, as the app would route it. */
export function pathExpression(path: string): string {
    if (!/^\/[A-Za-z0-9._~/-]*$/.test(path)) {
        throw new Error(`rate-limited path ${JSON.stringify(path)} must be "/" followed by letters, digits, ".", "_", "~", "-" or "/"`);
    }
    return `request.path.urlDecode().lower().startsWith('${path.toLowerCase()}')`;
}

export function armorRules(mode: ArmorMode, rateLimits: readonly RateLimit[]): ArmorRule[] {
    const preview = mode === "preview";
    const waf = WAF_RULE_SETS.map(
        (ruleSet, index): ArmorRule => ({
            priority: WAF_PRIORITY + index,
            action: "deny(403)",
            description: `OWASP CRS 3.3 ${ruleSet.replace(/-v33-stable$/, "")}, sensitivity ${WAF_SENSITIVITY}`,
            preview,
            match: { expr: { expression: wafExpression(ruleSet) } },
        }),
    );
    const limits = rateLimits.map(
        (limit, index): ArmorRule => ({
            priority: RATE_LIMIT_PRIORITY + index,
            action: "throttle",
            description: `${limit.requests}/${limit.intervalSeconds}s per client on ${limit.path}`.slice(0, MAX_DESCRIPTION),
            preview,
            match: { expr: { expression: pathExpression(limit.path) } },
            rateLimitOptions: {
                conformAction: "allow",
                exceedAction: "deny(429)",
                enforceOnKey: "IP",
                rateLimitThreshold: { count: limit.requests, intervalSec: limit.intervalSeconds },
            },
        }),
    );
    const fallback: ArmorRule = {
        priority: DEFAULT_RULE_PRIORITY,
        action: "allow",
        description: "everything no rule above stopped",
        preview: false,
        match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
    };
    return [...waf, ...limits, fallback];
}
