/** One `RoleGrant` of identities.ts as the IAM resource of its scope: the project, a repository, the bucket, the key. */
import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { RoleGrant } from "./identities";

/** The resources a pipeline account's roles are granted on. */
export interface GrantTargets {
    /** The project of project-level roles. */
    project: string;
    /** The Artifact Registry repository images are pushed to and deployed from. */
    registry: { project: string; location: string; repository: string };
    /** The Docker Hub remote repository builder images are pulled through. */
    dockerHubCache: { project: string; location: string; repository: pulumi.Input<string> };
    /** The bucket of the Pulumi state. */
    stateBucket: string;
    /** Resource name of the KMS key of the stacks' secrets provider. */
    secretsKey: string;
}

/** Resource name of a grant: `<prefix>-<role without roles/, dots as dashes>`, `-cache` on the Docker Hub cache. */
export function roleGrantName(prefix: string, grant: Pick<RoleGrant, "role" | "scope">): string {
    const base = `${prefix}-${grant.role.replace(/^roles\//, "").replace(/\./g, "-")}`;
    return grant.scope === "dockerHubCache" ? `${base}-cache` : base;
}

export function declareRoleGrant(name: string, grant: RoleGrant, member: pulumi.Input<string>, targets: GrantTargets, options: pulumi.CustomResourceOptions): pulumi.Resource {
    const { role, condition } = grant;
    switch (grant.scope) {
        case "project":
            return new gcp.projects.IAMMember(name, { project: targets.project, role, member, condition }, options);
        case "repository":
        case "dockerHubCache": {
            const repository = grant.scope === "repository" ? targets.registry : targets.dockerHubCache;
            return new gcp.artifactregistry.RepositoryIamMember(
                name,
                { project: repository.project, location: repository.location, repository: repository.repository, role, member, condition },
                options,
            );
        }
        case "stateBucket":
            return new gcp.storage.BucketIAMMember(name, { bucket: targets.stateBucket, role, member, condition }, options);
        case "secretsKey":
            return new gcp.kms.CryptoKeyIAMMember(name, { cryptoKeyId: targets.secretsKey, role, member, condition }, options);
    }
}
