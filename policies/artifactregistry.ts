/** Artifact Registry: the one repository every stack pulls from stays immutable and private. */
import { grantsOf, isPublicMember } from "./support/iamGrants";
import { resourcePolicy } from "./support/policy";

export const REPOSITORY = "gcp:artifactregistry/repository:Repository";
export const REPOSITORY_IAM = /^gcp:artifactregistry\/repositoryIam(Member|Binding|Policy):RepositoryIam(Member|Binding|Policy)$/;

export const immutableTags = resourcePolicy({
    name: "artifactregistry-repository-enable-immutable-tags",
    description: "Docker repositories in Artifact Registry have immutable tags, so a tag always names the image first pushed under it.",
    enforcementLevel: "mandatory",
    types: [REPOSITORY],
    check: (props, args, report) => {
        if (props.format !== "DOCKER") {
            args.notApplicable(`immutable tags exist only for Docker repositories, this one is ${props.format}`);
        }
        if (props.dockerConfig?.immutableTags !== true) {
            report(`Artifact Registry repository "${args.name}" lets tags be moved to other images; set dockerConfig.immutableTags to true.`);
        }
    },
});

export const noPublicReaders = resourcePolicy({
    name: "artifactregistry-repository-disallow-public-readers",
    description: "Artifact Registry repositories grant nothing to allUsers or allAuthenticatedUsers.",
    enforcementLevel: "mandatory",
    types: REPOSITORY_IAM,
    check: (props, args, report) => {
        for (const { role, member } of grantsOf(args.type, props)) {
            if (isPublicMember(member)) {
                const what = typeof role === "string" ? role : "a role";
                report(
                    `Artifact Registry grant "${args.name}" gives ${what} to ${String(member)}, which makes the repository public; ` +
                        `grant access only to the identities that pull images (service accounts of Cloud Run and Cloud Build).`,
                );
            }
        }
    },
});

/** Every Artifact Registry policy, in the order the pack reports them. */
export const artifactRegistryPolicies = [immutableTags, noPublicReaders];
