import { resourcePolicy } from "../../support/policy";
import { CLOUD_RUN_SERVICE, DEFAULT_SERVICE_ACCOUNT, subject } from "../support";

export const disallowDefaultServiceAccount = resourcePolicy({
    name: "cloudrun-service-disallow-default-service-account",
    description: "Cloud Run services run as a service account of their own, never as the project's default compute identity.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        const account = props.template?.serviceAccount;
        const fix = "create a service account for this service alone and set template.serviceAccount to its email.";
        if (account === undefined || account === null || account === "") {
            report(`${subject(args.name)} runs as the default compute service account (template.serviceAccount is unset); ${fix}`);
        } else if (DEFAULT_SERVICE_ACCOUNT.test(account)) {
            report(`${subject(args.name)} runs as the default service account "${account}"; ${fix}`);
        }
    },
});
