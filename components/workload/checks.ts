/** Checks of a workload's arguments, raised as `InputPropertyError`s that name the property. */
import * as pulumi from "@pulumi/pulumi";
import { imageDigest } from "../registry/images";
import { databaseEnvProblem, DEFAULT_DATABASE_ENV, type DatabaseBinding, type DatabaseEnvName } from "./env";

/** The digest of `image`, which must be pinned by digest: a tag could move to an image nobody promoted. */
export function pinnedDigest(image: string): string {
    const digest = imageDigest(image);
    if (digest === undefined) {
        throw new pulumi.InputPropertyError({ propertyPath: "image", reason: `expected an image pinned by digest ("<repository>@sha256:<64 hex>"), got ${JSON.stringify(image)}` });
    }
    return digest;
}

/** `databaseEnv` when `database` can serve it: a variable whose secret does not exist would stop every revision. */
export function servedDatabaseEnv(database: DatabaseBinding | undefined, databaseEnv: readonly DatabaseEnvName[] = DEFAULT_DATABASE_ENV): readonly DatabaseEnvName[] {
    const problem = database && databaseEnvProblem(database, databaseEnv);
    if (problem) {
        throw new pulumi.InputPropertyError({ propertyPath: "databaseEnv", reason: problem });
    }
    return databaseEnv;
}
