import { resourcePolicy } from "../../support/policy";
import { TRIGGER, subject } from "../support";

export const enforceVerifiedProvenance = resourcePolicy({
    name: "cloudbuild-trigger-enforce-verified-provenance",
    description: "Every Cloud Build trigger requests verified provenance (build.options.requestedVerifyOption VERIFIED), so a build whose provenance cannot be generated fails.",
    enforcementLevel: "mandatory",
    types: [TRIGGER],
    check: (props, args, report) => {
        const option = props.build?.options?.requestedVerifyOption;
        if (option !== "VERIFIED") {
            report(
                `${subject(args.name)} requests ${option === undefined ? "no verification (NOT_VERIFIED, the default)" : `"${String(option)}"`}; ` +
                    `set build.options.requestedVerifyOption to VERIFIED so Cloud Build records signed provenance of what it builds, or fails.`,
            );
        }
    },
});
