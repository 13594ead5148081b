import { resourcePolicy } from "../../support/policy";
import { CLOUD_RUN_SERVICE, ARTIFACT_REGISTRY_IMAGE, subject, containersOf } from "../support";

export const enforceProjectRegistryImage = resourcePolicy({
    name: "cloudrun-service-enforce-project-registry-image",
    description: "Cloud Run services run images from the Artifact Registry of their own project, never from a public or foreign registry.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        if (typeof props.project !== "string") {
            args.notApplicable("the service sets no project, so the provider's default project cannot be compared");
        }
        for (const container of containersOf(props)) {
            const imageProject = ARTIFACT_REGISTRY_IMAGE.exec(String(container.image))?.[1];
            if (imageProject !== props.project) {
                report(
                    `${subject(args.name)} runs image "${container.image}", which is not in the Artifact Registry of project ` +
                        `"${props.project}"; push it to <location>-docker.pkg.dev/${props.project}/<repository> and deploy it from there.`,
                );
            }
        }
    },
});
