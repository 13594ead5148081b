import { inProd } from "../../support/labels";
import { knownItems, resourcePolicy, UNKNOWN } from "../../support/policy";
import { denies, policySubject, REQUIRED_WAF_RULE_SETS, SECURITY_POLICY, wafRuleSets } from "../support";

export const enforceWafRules = resourcePolicy({
    name: "compute-securitypolicy-enforce-waf-rules",
    description: "A Cloud Armor policy labelled environment=prod denies what Google's preconfigured SQLi, XSS, LFI and RCE rules detect, and has no rule in preview.",
    enforcementLevel: "mandatory",
    types: [SECURITY_POLICY],
    check: (props, args, report) => {
        if (!inProd(args.type, props)) {
            return;
        }
        const rules = knownItems(props.rules).filter((rule) => rule !== UNKNOWN);
        for (const rule of rules.filter((candidate) => candidate.preview === true)) {
            report(
                `${policySubject(args.name)} is labelled environment=prod but rule ${String(rule.priority)} (${String(rule.description ?? rule.action)}) is in preview, so it only logs; enforce it (bilko:edge.armor.mode: enforce).`,
            );
        }
        const enforced = new Set(rules.filter((rule) => rule.preview !== true && denies(rule)).flatMap(wafRuleSets));
        const missing = REQUIRED_WAF_RULE_SETS.filter((ruleSet) => !enforced.has(ruleSet));
        if (missing.length > 0) {
            report(
                `${policySubject(args.name)} is labelled environment=prod but denies nothing Google's preconfigured ${missing.join(", ")} rules detect; add a deny rule evaluating each (evaluatePreconfiguredWaf('<set>-v33-stable', ...)).`,
            );
        }
    },
});
