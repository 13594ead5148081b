import type * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { adoptedSecret } from "./adoptedSecret";

export interface AdoptedSecretsArgs {
    project: string;
    /** Ids of the live secrets the stack's services read and adopt (each once). */
    secretIds: string[];
    /** Google Cloud labels bilko adds to each secret. */
    labels: Record<string, string>;
}

/** The live secrets a stack's services read, imported once each (see `adoptedSecret`). */
export class AdoptedSecrets extends pulumi.ComponentResource {
    readonly secrets: gcp.secretmanager.Secret[];

    constructor(name: string, args: AdoptedSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:AdoptedSecrets", name, {}, opts);
        const ids = [...new Set(args.secretIds)];
        if (ids.length !== args.secretIds.length) {
            throw new pulumi.InputPropertyError({ propertyPath: "secretIds", reason: "lists a secret twice; adopt each secret once" });
        }
        this.secrets = ids.map((secretId) => adoptedSecret(`${name}-${secretId.toLowerCase().replace(/_/g, "-")}`, { project: args.project, secretId, labels: args.labels }, this));
        this.registerOutputs({ secretIds: ids });
    }
}
