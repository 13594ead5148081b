import { looksLikeSecretName } from "../../../components/workload/secretNames";
import { known, knownItems, resourcePolicy, UNKNOWN, type Props } from "../../support/policy";
import { WORKLOAD_TYPES, subject, containersOf } from "../support";

export const disallowPlainSecretEnv = resourcePolicy({
    name: "kubernetes-workload-disallow-plain-secret-env",
    description: "Kubernetes environment variables that look like credentials come from a Secret by reference, never as literal values.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (props, args, report) => {
        for (const { label, container } of containersOf(args.type, props)) {
            for (const env of knownItems<Props>(container.env)) {
                const name = env === UNKNOWN ? UNKNOWN : known(() => env.name as unknown);
                // `in` does not read the value: a literal that is unknown until the update is still a literal.
                if (env !== UNKNOWN && typeof name === "string" && looksLikeSecretName(name) && "value" in env) {
                    report(`${subject(args.type, args.name, props)} sets ${name}, which looks like a credential, as a literal on ${label}; put it in a Secret and use valueFrom.secretKeyRef.`);
                }
            }
        }
    },
});
