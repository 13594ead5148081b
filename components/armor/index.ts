/** Cloud Armor: one service's backend security policy, its WAF rules and per-client rate limits. */
export { ArmorPolicy, type ArmorPolicyArgs } from "./armorPolicy";
export { armorRules, DEFAULT_RULE_PRIORITY, pathExpression, WAF_RULE_SETS, WAF_SENSITIVITY, wafExpression, type ArmorMode, type ArmorRule, type RateLimit } from "./rules";
