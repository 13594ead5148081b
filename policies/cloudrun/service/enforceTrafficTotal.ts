import { resourcePolicy, type Props } from "../../support/policy";
import { CLOUD_RUN_SERVICE, subject } from "../support";

export const enforceTrafficTotal = resourcePolicy({
    name: "cloudrun-service-enforce-traffic-total",
    description: "The traffic percentages of a Cloud Run service add up to exactly 100.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        const traffics: Props[] = Array.isArray(props.traffics) ? props.traffics : [];
        if (traffics.length === 0) {
            return; // Cloud Run then sends all traffic to the latest revision.
        }
        const percents = traffics.map((target) => (typeof target.percent === "number" ? target.percent : 0));
        const total = percents.reduce((sum, percent) => sum + percent, 0);
        if (total !== 100) {
            const fix = total < 100 ? `give the remaining ${100 - total}% to a revision` : `take ${total - 100}% away from the targets`;
            report(`${subject(args.name)} assigns ${total}% of its traffic (${percents.join(" + ")}); the traffics percentages must add up to exactly 100: ${fix}.`);
        }
    },
});
