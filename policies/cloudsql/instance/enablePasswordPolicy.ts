import { resourcePolicy } from "../../support/policy";
import { SQL_INSTANCE, subject } from "../support";

/** Shortest minimum length the policy accepts. */
const MIN_LENGTH = 12;

export const enablePasswordPolicy = resourcePolicy({
    name: "cloudsql-instance-enable-password-policy",
    description: `Cloud SQL instances validate the passwords set on their users: a password policy is enabled, with a minimum length of at least ${MIN_LENGTH}.`,
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const policy = props.settings?.passwordValidationPolicy;
        if (policy?.enablePasswordPolicy !== true) {
            report(`${subject(args.name)} has no password validation policy; set settings.passwordValidationPolicy with enablePasswordPolicy: true, a minLength and complexity.`);
        } else if (typeof policy.minLength !== "number" || policy.minLength < MIN_LENGTH) {
            report(`${subject(args.name)} accepts passwords of ${policy.minLength === undefined ? "any length" : `${String(policy.minLength)} characters`}; set passwordValidationPolicy.minLength to ${MIN_LENGTH} or more.`);
        }
    },
});
