import { resourcePolicy } from "../../support/policy";
import { WORKLOAD_TYPES, subject, containersOf } from "../support";

export const enforcePullIfNotPresent = resourcePolicy({
    name: "kubernetes-workload-enforce-pull-if-not-present",
    description: "Kubernetes containers pull with imagePullPolicy IfNotPresent: a digest never changes, so a node's copy is the image.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (props, args, report) => {
        for (const { label, container } of containersOf(args.type, props)) {
            if (container.imagePullPolicy !== "IfNotPresent") {
                const current = container.imagePullPolicy === undefined ? "unset (Always for some images)" : `"${container.imagePullPolicy}"`;
                report(`${subject(args.type, args.name, props)} has imagePullPolicy ${current} on ${label}; set imagePullPolicy: IfNotPresent so pods start from the node's copy of the pinned image.`);
            }
        }
    },
});
