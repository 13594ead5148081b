/** `bilko:pipeline`: the delivery pipeline, declared by the stack that owns the shared resources. */
import { z } from "zod";
import { show } from "../../common/text";
import { digestPinnedImage, gcpName, nonEmpty } from "./values";

export const pipelineSchema = z
    .strictObject({
        /** GitHub repository connected to Cloud Build (1st gen). */
        github: z.strictObject({ owner: nonEmpty, name: nonEmpty }).optional(),
        /** Or a 2nd-gen repository: projects/<p>/locations/<l>/connections/<c>/repositories/<r>. */
        repository: z.string().regex(/^projects\/[^/]+\/locations\/[^/]+\/connections\/[^/]+\/repositories\/[^/]+$/, {
            error: (issue) => `expected "projects/<p>/locations/<l>/connections/<c>/repositories/<r>", got ${show(issue.input)}`,
        }).optional(),
        stateBackend: z.string().regex(/^(gs|s3|azblob|file|https):\/\/\S+$/, {
            error: (issue) => `expected a Pulumi backend URL such as "gs://bucket", got ${show(issue.input)}`,
        }),
        secretsProvider: z.string().regex(/^(gcpkms|awskms|azurekeyvault|hashivault|passphrase|default)(:\/\/\S*)?$/, {
            error: (issue) => `expected a Pulumi secrets provider such as "gcpkms://projects/.../cryptoKeys/...", got ${show(issue.input)}`,
        }),
        /** Builder images, pinned by digest; Docker Hub ones are pulled through `dockerHubCache`. */
        builders: z.strictObject({
            docker: digestPinnedImage,
            gcloud: digestPinnedImage,
            trivy: digestPinnedImage,
            /** `pulumi/pulumi-nodejs-<major>`: the program needs Node 20.19 or newer. */
            pulumi: digestPinnedImage,
            /** Pulumi with gcloud and gke-gcloud-auth-plugin (`pulumi/pulumi`), for stacks with Kubernetes services. */
            pulumiGke: digestPinnedImage,
        }),
        /** Artifact Registry remote repository (in `bilko:registry.location`) that proxies Docker Hub. */
        dockerHubCache: gcpName.default("docker-hub"),
        /** What each service's migrator image is built from. */
        migrator: z.strictObject({
            /** Flyway's image, pinned by digest. */
            flyway: digestPinnedImage,
            /** Cloud SQL's JDBC socket factory for PostgreSQL (Maven Central), so Flyway reaches the instance's socket. */
            socketFactory: z.strictObject({
                version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: (issue) => `expected a version such as "1.21.0", got ${show(issue.input)}` }),
                sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: (issue) => `expected the jar's sha256 (64 hex digits), got ${show(issue.input)}` }),
            }),
        }),
    })
    .superRefine((pipeline, ctx) => {
        if (Boolean(pipeline.github) === Boolean(pipeline.repository)) {
            ctx.addIssue({ code: "custom", path: [], message: `set exactly one of "github" (owner + name) or "repository" (2nd-gen id)` });
        }
    });

export type PipelineConfig = z.output<typeof pipelineSchema>;
