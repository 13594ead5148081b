/** What a deployment of one stack needs to know, shared by every deploy step. */
import type { PulumiBackend } from "./pulumiCommands";
import type { Builder } from "./step";

export interface DeployTarget extends PulumiBackend {
    stack: string;
    /** The state bucket, where the deploy lock lives. */
    stateBucket: string;
    /** `bilko:pipeline.secretsProvider`, named in the message when the stack does not exist yet. */
    secretsProvider: string;
    /** The stack this one promotes from: the program guard checks it deployed this program. */
    upstream?: string;
    /** The build waited for an approval: four eyes check who approved it. */
    approval?: boolean;
    /** The stack has Kubernetes services: Pulumi runs in the builder with gcloud and gke-gcloud-auth-plugin. */
    kubernetes?: boolean;
    /** Build trigger only: images whose freshly pushed digest is set into the stack before deploying it. */
    newDigests?: { services: readonly string[]; migrators: readonly string[] };
}

/** The builder that runs Pulumi for `target`. */
export function pulumiBuilder(target: Pick<DeployTarget, "kubernetes">): Builder {
    return target.kubernetes ? "pulumiGke" : "pulumi";
}

/** The key a migrator image is built, scanned and handed off under: `api-migrator`. */
export function migratorImageKey(service: string): string {
    return `${service}-migrator`;
}
