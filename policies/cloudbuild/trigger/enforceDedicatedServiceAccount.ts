import { resourcePolicy } from "../../support/policy";
import { TRIGGER, DEFAULT_ACCOUNTS, subject } from "../support";

export const enforceDedicatedServiceAccount = resourcePolicy({
    name: "cloudbuild-trigger-enforce-dedicated-service-account",
    description: "Every Cloud Build trigger runs as a user-managed service account of its own, never the project's default Cloud Build or Compute Engine account.",
    enforcementLevel: "mandatory",
    types: [TRIGGER],
    check: (props, args, report) => {
        const account = props.serviceAccount;
        if (typeof account !== "string" || account === "") {
            report(
                `${subject(args.name)} sets no serviceAccount, so its builds run as the project's default Cloud Build account and its broad rights; ` +
                    `set serviceAccount to projects/<project>/serviceAccounts/<email> of an account that holds only what this trigger needs.`,
            );
            return;
        }
        const email = account.split("/").pop()!;
        if (DEFAULT_ACCOUNTS.test(email)) {
            report(
                `${subject(args.name)} runs as ${email}, a default account that other services share; ` +
                    `create a service account for this trigger, grant it only what the trigger needs, and set serviceAccount to it.`,
            );
        }
    },
});
