import { resourcePolicy } from "../../support/policy";
import { WORKLOAD_TYPES, subject, containersOf } from "../support";

export const enforceNonRootReadOnly = resourcePolicy({
    name: "kubernetes-workload-enforce-non-root-read-only",
    description: "Kubernetes containers run as non-root with a read-only root filesystem.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (props, args, report) => {
        for (const { label, container, pod } of containersOf(args.type, props)) {
            const runAsNonRoot = container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
            if (runAsNonRoot !== true) {
                report(`${subject(args.type, args.name, props)} does not require ${label} to run as non-root; set securityContext.runAsNonRoot: true (and a non-root USER in the image).`);
            }
            if (container.securityContext?.readOnlyRootFilesystem !== true) {
                report(`${subject(args.type, args.name, props)} lets ${label} write its root filesystem; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it must write.`);
            }
        }
    },
});
