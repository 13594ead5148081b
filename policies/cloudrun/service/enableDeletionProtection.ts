import { inProd } from "../../support/labels";
import { resourcePolicy } from "../../support/policy";
import { CLOUD_RUN_SERVICE, subject } from "../support";

export const enableDeletionProtection = resourcePolicy({
    name: "cloudrun-service-enable-deletion-protection",
    description: "Cloud Run services labelled environment=prod keep deletion protection on.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        // Unset means protected: the provider refuses to delete unless the flag is explicitly false.
        if (inProd(args.type, props) && props.deletionProtection === false) {
            report(`${subject(args.name)} is labelled environment=prod but has deletionProtection: false; set it to true so no update can delete the production service.`);
        }
    },
});
