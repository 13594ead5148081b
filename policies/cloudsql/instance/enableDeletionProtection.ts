import { inProd } from "../../support/labels";
import { resourcePolicy } from "../../support/policy";
import { SQL_INSTANCE, prodSubject } from "../support";

export const enableDeletionProtection = resourcePolicy({
    name: "cloudsql-instance-enable-deletion-protection",
    description: "Cloud SQL instances labelled environment=prod keep both deletion guards on: Pulumi's deletionProtection and Google's settings.deletionProtectionEnabled.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        if (!inProd(args.type, props)) {
            return;
        }
        const off = [
            // Unset deletionProtection means on (the provider's default); Google's flag defaults to off.
            props.deletionProtection === false && "deletionProtection is false",
            props.settings?.deletionProtectionEnabled !== true && "settings.deletionProtectionEnabled is not true",
        ].filter(Boolean);
        if (off.length > 0) {
            report(`${prodSubject(args.name)} ${off.join(" and ")}; set deletionProtection and settings.deletionProtectionEnabled to true.`);
        }
    },
});
