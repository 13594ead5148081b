import { inProd } from "../../support/labels";
import { resourcePolicy } from "../../support/policy";
import { CLOUD_RUN_JOB, binaryAuthorizationProblem, jobSubject } from "../support";

export const enableBinaryAuthorization = resourcePolicy({
    name: "cloudrun-job-enable-binary-authorization",
    description: "Cloud Run jobs labelled environment=prod (the migrations job) run only images their project's Binary Authorization policy admits, and never break glass.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_JOB],
    check: (props, args, report) => {
        const problem = inProd(args.type, props) ? binaryAuthorizationProblem(props.binaryAuthorization) : undefined;
        if (problem) {
            report(`${jobSubject(args.name)} is labelled environment=prod but ${problem}`);
        }
    },
});
