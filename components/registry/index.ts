/** The Artifact Registry repository every stack pulls from, its cleanup rules, and how images are named. */
export { ArtifactRegistry, type ArtifactRegistryArgs } from "./artifactRegistry";
export { CrossProjectPull, type CrossProjectPullArgs } from "./crossProjectPull";
export { cleanupPolicies, COMMIT_TAG_PREFIX, wouldDelete, type CleanupPolicy, type ImageVersion } from "./cleanup";
export { commitTag, DIGEST_PATTERN, digestPrefix, imageDigest, isDigest, isPinnedImage, PINNED_IMAGE_PATTERN, pinnedImage, registryUrl, repositoryImportId } from "./images";
