import { environmentTag } from "../../../components/pipeline/environmentTag";
import { resourcePolicy } from "../../support/policy";
import { TRIGGER, PROD, subject, deploysProd } from "../support";

export const enforceProdApproval = resourcePolicy({
    name: "cloudbuild-trigger-enforce-prod-approval",
    description: "A Cloud Build trigger that deploys prod requires a person's approval before each of its builds starts.",
    enforcementLevel: "mandatory",
    types: [TRIGGER],
    check: (props, args, report) => {
        const reason = deploysProd(props);
        if (reason === undefined) {
            args.notApplicable(`the trigger does not deploy ${PROD} (no ${environmentTag(PROD)} tag, no pulumi up on the ${PROD} stack)`);
        }
        if (props.approvalConfig?.approvalRequired !== true) {
            report(`${subject(args.name)} deploys ${PROD} (${reason}) but starts without approval; set approvalConfig.approvalRequired to true so a person approves each ${PROD} build.`);
        }
    },
});
