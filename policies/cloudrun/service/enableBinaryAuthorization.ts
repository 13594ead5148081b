import { inProd } from "../../support/labels";
import { resourcePolicy } from "../../support/policy";
import { CLOUD_RUN_SERVICE, binaryAuthorizationProblem, subject } from "../support";

export const enableBinaryAuthorization = resourcePolicy({
    name: "cloudrun-service-enable-binary-authorization",
    description: "Cloud Run services labelled environment=prod deploy only images their project's Binary Authorization policy admits, and never break glass.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        const problem = inProd(args.type, props) ? binaryAuthorizationProblem(props.binaryAuthorization) : undefined;
        if (problem) {
            report(`${subject(args.name)} is labelled environment=prod but ${problem}`);
        }
    },
});
