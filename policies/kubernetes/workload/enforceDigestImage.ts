import { isPinnedImage } from "../../../components/registry/images";
import { resourcePolicy } from "../../support/policy";
import { WORKLOAD_TYPES, subject, containersOf } from "../support";

export const enforceDigestImage = resourcePolicy({
    name: "kubernetes-workload-enforce-digest-image",
    description: "Kubernetes workloads run every container from an image pinned by digest, so a stack runs exactly the image it was promoted with.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (props, args, report) => {
        for (const { label, container } of containersOf(args.type, props)) {
            if (!isPinnedImage(container.image)) {
                report(`${subject(args.type, args.name, props)} runs ${label} from image "${container.image}", which is not pinned by digest; use <repository path>@sha256:<64 hex digits>, never a tag.`);
            }
        }
    },
});
