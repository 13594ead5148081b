/** Provenance at deploy time: the Binary Authorization policy that admits only images Cloud Build built and attested. */
export { CLOUD_BUILD_ATTESTOR, cloudBuildAttestor } from "./attestor";
export { BinaryAuthorization, type BinaryAuthorizationArgs } from "./binaryAuthorization";
