/** `bilko:kubernetes`: the GKE cluster services with `runtime: kubernetes` run in. */
import { z } from "zod";
import { show } from "../../common/text";
import { digestPinnedImage, gcpName, nonEmpty } from "./values";

export const kubernetesSchema = z
    .strictObject({
        /** GKE cluster the kubeconfig is built from (with gke-gcloud-auth-plugin) ... */
        cluster: z.strictObject({ name: gcpName, location: z.string().regex(/^[a-z]+-[a-z]+\d+(-[a-z])?$/, { error: (issue) => `expected a region or zone, got ${show(issue.input)}` }) }).optional(),
        /** ... or a kubeconfig, given as a secret (`pulumi config set --secret --path kubernetes.kubeconfig`). */
        kubeconfig: nonEmpty.optional(),
        namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: (issue) => `expected a Kubernetes namespace name, got ${show(issue.input)}` }),
        createNamespace: z.boolean().default(true),
        /** Cloud SQL Auth Proxy sidecar for database services, pinned by digest. */
        sqlProxyImage: digestPinnedImage.optional(),
    })
    .superRefine((kubernetes, ctx) => {
        if (Boolean(kubernetes.cluster) === Boolean(kubernetes.kubeconfig)) {
            ctx.addIssue({ code: "custom", path: [], message: `set exactly one of "cluster" (name + location) or "kubeconfig" (a secret)` });
        }
    });

export type KubernetesConfig = z.output<typeof kubernetesSchema>;
