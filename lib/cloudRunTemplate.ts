/** The Cloud Run v2 revision template of a service, as a plain record. */
import type * as gcp from "@pulumi/gcp";
import type { Input } from "@pulumi/pulumi";
import { CLOUD_SQL_MOUNT_PATH, type PlainEnv, type SecretEnv } from "./serviceEnv";

type Template = gcp.types.input.cloudrunv2.ServiceTemplate;

export interface TemplateInput {
    image: string;
    port: number;
    healthPath: string;
    minInstances: number;
    maxInstances: number;
    resources: { cpu: string; memory: string };
    serviceAccountEmail: Input<string>;
    env: { plain: PlainEnv[]; secret: SecretEnv[] };
    labels: Record<string, string>;
    /** Cloud SQL instance whose socket is mounted at /cloudsql. */
    sqlConnectionName?: string;
    /** Explicit revision name (canary releases); Cloud Run generates one when absent. */
    revision?: string;
}

const SQL_VOLUME = "cloudsql";

export function serviceTemplate(input: TemplateInput): Template {
    const probe = { httpGet: { path: input.healthPath, port: input.port } };
    return {
        revision: input.revision,
        serviceAccount: input.serviceAccountEmail,
        labels: input.labels,
        scaling: { minInstanceCount: input.minInstances, maxInstanceCount: input.maxInstances },
        volumes: input.sqlConnectionName ? [{ name: SQL_VOLUME, cloudSqlInstance: { instances: [input.sqlConnectionName] } }] : [],
        containers: [
            {
                image: input.image,
                ports: { containerPort: input.port },
                resources: { limits: { cpu: input.resources.cpu, memory: input.resources.memory } },
                envs: [
                    ...input.env.plain,
                    ...input.env.secret.map((entry) => ({
                        name: entry.name,
                        valueSource: { secretKeyRef: { secret: entry.secret, version: entry.version } },
                    })),
                ],
                startupProbe: { ...probe, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 24 },
                livenessProbe: { ...probe, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3 },
                volumeMounts: input.sqlConnectionName ? [{ name: SQL_VOLUME, mountPath: CLOUD_SQL_MOUNT_PATH }] : [],
            },
        ],
    };
}
