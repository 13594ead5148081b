import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { secretImportId } from "./names";

export interface AdoptedSecretArgs {
    project: string;
    /** Id of the live secret. */
    secretId: string;
    /** Google Cloud labels bilko adds to the secret. */
    labels: Record<string, string>;
}

/**
 * A live Secret Manager secret taken over by import. Its versions (the values) are never read or written, and its
 * replication is left as it is: a replication change replaces the secret, versions included. Protected, so no
 * update can delete what the running services read.
 */
export function adoptedSecret(name: string, args: AdoptedSecretArgs, parent: pulumi.Resource): gcp.secretmanager.Secret {
    return new gcp.secretmanager.Secret(
        name,
        { project: args.project, secretId: args.secretId, replication: { auto: {} }, labels: args.labels },
        { parent, import: secretImportId(args.project, args.secretId), protect: true, ignoreChanges: ["replication"] },
    );
}
