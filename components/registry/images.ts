/** Image references: how a service's image is named and how a pinned one is recognised. */

/** A content digest as the registry reports it: `sha256:` and 64 lowercase hex digits. */
export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** An image reference pinned by digest: `<repository path>@sha256:<64 hex>`, with no tag. */
export const PINNED_IMAGE_PATTERN = /^[a-z0-9.-]+(?::\d+)?\/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$/;

export function isDigest(value: unknown): value is string {
    return typeof value === "string" && DIGEST_PATTERN.test(value);
}

export function isPinnedImage(value: unknown): value is string {
    return typeof value === "string" && PINNED_IMAGE_PATTERN.test(value);
}

/** The `sha256:` digest of an image pinned by digest; `undefined` for any other reference. */
export function imageDigest(image: string): string | undefined {
    return isPinnedImage(image) ? image.slice(image.lastIndexOf("@") + 1) : undefined;
}

/** The first hex digits of a digest: enough to tell images apart in names and tables. */
export function digestPrefix(digest: string, length = 12): string {
    return digest.replace(/^sha256:/, "").slice(0, length);
}

/** `<location>-docker.pkg.dev/<project>/<repository>`: where every service image of the project lives. */
export function registryUrl(location: string, project: string, repository: string): string {
    return `${location}-docker.pkg.dev/${project}/${repository}`;
}

/** Import id of the live repository a stack adopts. */
export function repositoryImportId(project: string, location: string, repository: string): string {
    return `projects/${project}/locations/${location}/repositories/${repository}`;
}

/** `<registry>/<service>@<digest>`: the only image form bilko ever deploys. */
export function pinnedImage(registry: string, service: string, digest: string): string {
    return `${registry}/${service}@${digest}`;
}

/** The immutable tag every build pushes: `sha-<commit>`. */
export function commitTag(commitSha: string): string {
    return `sha-${commitSha}`;
}
