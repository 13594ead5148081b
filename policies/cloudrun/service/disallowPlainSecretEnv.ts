import { looksLikeSecretName } from "../../../components/workload/secretNames";
import { plaintextSecretKind } from "../../../components/workload/secretValues";
import { known, knownItems, resourcePolicy, UNKNOWN } from "../../support/policy";
import { CLOUD_RUN_SERVICE, subject, containersOf } from "../support";

export const disallowPlainSecretEnv = resourcePolicy({
    name: "cloudrun-service-disallow-plain-secret-env",
    description: "Cloud Run environment variables that look like credentials, by name or by value, come from Secret Manager, never as plain values.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        for (const container of containersOf(props)) {
            for (const env of knownItems(container.envs)) {
                if (env === UNKNOWN) {
                    continue;
                }
                const name = known(() => env.name as string);
                // `in` does not read the value: a plain value that is unknown until the update is still a plain value.
                if (typeof name === "string" && looksLikeSecretName(name) && "value" in env) {
                    report(
                        `${subject(args.name)} sets ${name}, which looks like a credential, as a plain value; ` +
                            `store it in Secret Manager and reference it with valueSource.secretKeyRef.`,
                    );
                    continue;
                }
                const value = known(() => env.value as unknown);
                const kind = typeof value === "string" ? plaintextSecretKind(value) : undefined;
                if (kind) {
                    report(`${subject(args.name)} sets ${String(name)} to a plain value that looks like ${kind}; store it in Secret Manager and reference it with valueSource.secretKeyRef.`);
                }
            }
        }
    },
});
