import { known, knownItems, stackPolicy, UNKNOWN, type Props } from "../../support/policy";
import { ARTIFACT_REGISTRY_IMAGE, CLOUD_RUN_SERVICE, containersOf, pullsFrom, subject } from "../support";

export const enforceProjectRegistryImage = stackPolicy({
    name: "cloudrun-service-enforce-project-registry-image",
    description:
        "Cloud Run services run images from the Artifact Registry of their own project, or of a repository the same stack grants their project's Cloud Run service agent read access to, never from a public or foreign registry.",
    enforcementLevel: "mandatory",
    check: (resources, _args, report) => {
        for (const service of resources.filter((resource) => resource.type === CLOUD_RUN_SERVICE)) {
            const project = known(() => service.props.project as unknown);
            if (typeof project !== "string") {
                // Unknown during preview, or left to the provider's default project: nothing to compare with.
                continue;
            }
            for (const container of knownItems<Props>(known(() => containersOf(service.props)))) {
                const image = container === UNKNOWN ? UNKNOWN : known(() => container.image as unknown);
                if (image === UNKNOWN) {
                    continue;
                }
                const repository = ARTIFACT_REGISTRY_IMAGE.exec(String(image));
                if (repository?.[2] === project || (repository && pullsFrom(resources, repository))) {
                    continue;
                }
                report(
                    `${subject(service.name)} runs image "${String(image)}", which is neither in the Artifact Registry of project "${project}" nor in a repository ` +
                        `this stack grants its Cloud Run service agent read access to; push it to <location>-docker.pkg.dev/${project}/<repository>, or name the ` +
                        `registry's project in bilko:registry.project.`,
                    service.urn,
                );
            }
        }
    },
});
