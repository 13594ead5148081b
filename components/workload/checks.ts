/** Checks of a workload's arguments, raised as `InputPropertyError`s that name the property. */
import * as pulumi from "@pulumi/pulumi";
import { imageDigest } from "../registry/images";

/** The digest of `image`, which must be pinned by digest: a tag could move to an image nobody promoted. */
export function pinnedDigest(image: string): string {
    const digest = imageDigest(image);
    if (digest === undefined) {
        throw new pulumi.InputPropertyError({ propertyPath: "image", reason: `expected an image pinned by digest ("<repository>@sha256:<64 hex>"), got ${JSON.stringify(image)}` });
    }
    return digest;
}
