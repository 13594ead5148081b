import { resourcePolicy } from "../../support/policy";
import { CLOUD_RUN_SERVICE, subject, containersOf } from "../support";

export const missingStartupProbe = resourcePolicy({
    name: "cloudrun-service-missing-startup-probe",
    description: "Cloud Run containers declare a startup probe, so a revision takes traffic only once the application answers.",
    enforcementLevel: "advisory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        containersOf(props).forEach((container, index) => {
            if (!container.startupProbe) {
                const which = typeof container.name === "string" ? `"${container.name}"` : `#${index + 1}`;
                report(`${subject(args.name)} has no startup probe on container ${which}; add startupProbe with an HTTP check of the health path.`);
            }
        });
    },
});
