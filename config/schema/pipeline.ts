/** `bilko:pipeline`: the delivery pipeline, declared by the stack that owns the shared resources. */
import { z } from "zod";
import { show } from "../../common/text";
import { digestPinnedImage, nonEmpty } from "./values";

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
        builders: z.strictObject({
            docker: digestPinnedImage,
            gcloud: digestPinnedImage,
            trivy: digestPinnedImage,
            pulumi: digestPinnedImage,
        }),
    })
    .superRefine((pipeline, ctx) => {
        if (Boolean(pipeline.github) === Boolean(pipeline.repository)) {
            ctx.addIssue({ code: "custom", path: [], message: `set exactly one of "github" (owner + name) or "repository" (2nd-gen id)` });
        }
    });

export type PipelineConfig = z.output<typeof pipelineSchema>;
