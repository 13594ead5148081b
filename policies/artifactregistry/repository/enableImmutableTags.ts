import { resourcePolicy } from "../../support/policy";
import { REPOSITORY } from "../support";

export const enableImmutableTags = resourcePolicy({
    name: "artifactregistry-repository-enable-immutable-tags",
    description: "Docker repositories in Artifact Registry have immutable tags, so a tag always names the image first pushed under it.",
    enforcementLevel: "mandatory",
    types: [REPOSITORY],
    check: (props, args, report) => {
        if (props.format !== "DOCKER") {
            args.notApplicable(`immutable tags exist only for Docker repositories, this one is ${props.format}`);
        }
        if (props.mode === "REMOTE_REPOSITORY") {
            args.notApplicable("a remote repository caches another registry's images, which are pulled by digest; nothing is pushed to it");
        }
        if (props.dockerConfig?.immutableTags !== true) {
            report(`Artifact Registry repository "${args.name}" lets tags be moved to other images; set dockerConfig.immutableTags to true.`);
        }
    },
});
