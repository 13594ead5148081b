/** What the artifactregistry policies share: type tokens, subjects of messages and readers of resource properties. */


export const REPOSITORY = "gcp:artifactregistry/repository:Repository";

export const REPOSITORY_IAM = /^gcp:artifactregistry\/repositoryIam(Member|Binding|Policy):RepositoryIam(Member|Binding|Policy)$/;
