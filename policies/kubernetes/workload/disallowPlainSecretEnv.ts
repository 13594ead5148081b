import { looksLikeSecretName } from "../../../components/workload/secretNames";
import { plaintextSecretKind } from "../../../components/workload/secretValues";
import { known, knownItems, resourcePolicy, UNKNOWN, type Props } from "../../support/policy";
import { WORKLOAD_TYPES, subject, containersOf } from "../support";

export const disallowPlainSecretEnv = resourcePolicy({
    name: "kubernetes-workload-disallow-plain-secret-env",
    description: "Kubernetes environment variables that look like credentials, by name or by value, come from a Secret by reference, never as literal values.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (props, args, report) => {
        for (const { label, container } of containersOf(args.type, props)) {
            for (const env of knownItems<Props>(container.env)) {
                if (env === UNKNOWN) {
                    continue;
                }
                const name = known(() => env.name as unknown);
                // `in` does not read the value: a literal that is unknown until the update is still a literal.
                if (typeof name === "string" && looksLikeSecretName(name) && "value" in env) {
                    report(`${subject(args.type, args.name, props)} sets ${name}, which looks like a credential, as a literal on ${label}; put it in a Secret and use valueFrom.secretKeyRef.`);
                    continue;
                }
                const value = known(() => env.value as unknown);
                const kind = typeof value === "string" ? plaintextSecretKind(value) : undefined;
                if (kind) {
                    report(`${subject(args.type, args.name, props)} sets ${String(name)} to a literal that looks like ${kind} on ${label}; put it in a Secret and use valueFrom.secretKeyRef.`);
                }
            }
        }
    },
});
