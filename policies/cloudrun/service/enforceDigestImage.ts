import { isPinnedImage } from "../../../components/registry/images";
import { resourcePolicy } from "../../support/policy";
import { CLOUD_RUN_SERVICE, subject, containersOf } from "../support";

export const enforceDigestImage = resourcePolicy({
    name: "cloudrun-service-enforce-digest-image",
    description: "Cloud Run services run images pinned by digest, so a stack runs exactly the image it was promoted with.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        for (const container of containersOf(props)) {
            if (!isPinnedImage(container.image)) {
                report(
                    `${subject(args.name)} runs image "${container.image}", which is not pinned by digest; ` +
                        `deploy it as <repository path>@sha256:<64 hex digits>, never by tag.`,
                );
            }
        }
    },
});
