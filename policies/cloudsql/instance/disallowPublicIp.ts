import { inProd } from "../../support/labels";
import { resourcePolicy } from "../../support/policy";
import { SQL_INSTANCE, prodSubject } from "../support";

export const disallowPublicIp = resourcePolicy({
    name: "cloudsql-instance-disallow-public-ip",
    description: "Cloud SQL instances labelled environment=prod have a private IP only, in a VPC (CIS GCP 6.6).",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        if (!inProd(args.type, props)) {
            return;
        }
        const ip = props.settings?.ipConfiguration ?? {};
        if (ip.ipv4Enabled !== false) {
            report(`${prodSubject(args.name)} has a public IP; set settings.ipConfiguration.ipv4Enabled to false (bilko:postgres.publicIp: false) and reach it over its private IP.`);
        } else if (typeof ip.privateNetwork !== "string" || ip.privateNetwork.length === 0) {
            report(`${prodSubject(args.name)} has no IP at all: set settings.ipConfiguration.privateNetwork to the VPC peered through Private Service Access (bilko:network).`);
        }
    },
});
