import { known, knownItems, resourcePolicy, UNKNOWN } from "../../support/policy";
import { SQL_INSTANCE, subject } from "../support";

export const disallowPublicAuthorizedNetwork = resourcePolicy({
    name: "cloudsql-instance-disallow-public-authorized-network",
    description: "Cloud SQL instances authorize no network ending in /0, which would admit the whole internet.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        for (const network of knownItems(props.settings?.ipConfiguration?.authorizedNetworks)) {
            const value = network === UNKNOWN ? UNKNOWN : known(() => network.value as string);
            if (typeof value === "string" && value.trim().endsWith("/0")) {
                report(`${subject(args.name)} authorizes network ${value}, which admits every address; remove it and connect through the Cloud SQL connector or a narrow CIDR.`);
            }
        }
    },
});
