import { inProd } from "../../support/labels";
import { resourcePolicy } from "../../support/policy";
import { SQL_INSTANCE, prodSubject } from "../support";

export const configureRegionalAvailability = resourcePolicy({
    name: "cloudsql-instance-configure-regional-availability",
    description: "Cloud SQL instances labelled environment=prod are REGIONAL, with a standby in a second zone.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const availability = props.settings?.availabilityType;
        if (inProd(args.type, props) && availability !== "REGIONAL") {
            const current = availability === undefined ? "ZONAL (availabilityType unset)" : availability;
            report(`${prodSubject(args.name)} runs ${current}; set settings.availabilityType to REGIONAL for a standby in a second zone.`);
        }
    },
});
