import { AUTOMATIC_TTL } from "../../../components/edge/dnsRecord";
import { resourcePolicy } from "../../support/policy";
import { DNS_RECORDS } from "../support";

export const enforceAutomaticTtl = resourcePolicy({
    name: "cloudflare-dnsrecord-enforce-automatic-ttl",
    description: "Proxied Cloudflare DNS records use ttl 1 (automatic), the only TTL Cloudflare accepts on them.",
    enforcementLevel: "mandatory",
    types: DNS_RECORDS,
    check: (props, args, report) => {
        // An unset ttl is automatic, the API's default.
        if (props.proxied === true && props.ttl !== undefined && props.ttl !== AUTOMATIC_TTL) {
            report(`Cloudflare record "${args.name}" is proxied but has ttl ${props.ttl}; set ttl to ${AUTOMATIC_TTL} (automatic), or stop proxying it to keep a fixed TTL.`);
        }
    },
});
