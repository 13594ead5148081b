import { inProd } from "../../support/labels";
import { resourcePolicy } from "../../support/policy";
import { DOMAIN_MAPPING } from "../support";

export const disallowInProd = resourcePolicy({
    name: "cloudrun-domainmapping-disallow-in-prod",
    description: "No Cloud Run domain mapping is labelled environment=prod: prod's hostnames are served by the load balancer, behind Cloud Armor.",
    enforcementLevel: "mandatory",
    types: [DOMAIN_MAPPING],
    check: (props, args, report) => {
        if (inProd(args.type, props)) {
            report(
                `Cloud Run domain mapping "${args.name}" (${String(props.name)}) is labelled environment=prod; domain mappings are a Preview feature with no WAF, so serve prod's hostnames through the load balancer (bilko:edge.mode: load-balancer) instead.`,
            );
        }
    },
});
