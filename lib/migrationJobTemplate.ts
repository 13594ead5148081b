/** The Cloud Run v2 job template that runs a service's migrations command, as a plain record. */
import type * as gcp from "@pulumi/gcp";
import type { Input } from "@pulumi/pulumi";
import { CLOUD_SQL_MOUNT_PATH, type PlainEnv, type SecretEnv } from "./serviceEnv";

type JobTemplate = gcp.types.input.cloudrunv2.JobTemplate;

export interface MigrationTemplateInput {
    /** The service's image at the stack's own digest. */
    image: string;
    command: string[];
    args: string[];
    serviceAccountEmail: Input<string>;
    /** The database part of the service's env only: the job needs no other value or secret of the service. */
    env: { plain: PlainEnv[]; secret: SecretEnv[] };
    sqlConnectionName: string;
    labels: Record<string, string>;
}

const SQL_VOLUME = "cloudsql";

/** One task, no retries: a failed migration stops the deploy for a person to read, rather than running twice. */
export const MIGRATION_TIMEOUT = "1800s";

export function migrationJobTemplate(input: MigrationTemplateInput): JobTemplate {
    return {
        labels: input.labels,
        taskCount: 1,
        parallelism: 1,
        template: {
            serviceAccount: input.serviceAccountEmail,
            maxRetries: 0,
            timeout: MIGRATION_TIMEOUT,
            volumes: [{ name: SQL_VOLUME, cloudSqlInstance: { instances: [input.sqlConnectionName] } }],
            containers: [
                {
                    image: input.image,
                    commands: input.command,
                    args: input.args,
                    envs: [
                        ...input.env.plain,
                        ...input.env.secret.map((entry) => ({
                            name: entry.name,
                            valueSource: { secretKeyRef: { secret: entry.secret, version: entry.version } },
                        })),
                    ],
                    volumeMounts: [{ name: SQL_VOLUME, mountPath: CLOUD_SQL_MOUNT_PATH }],
                },
            ],
        },
    };
}
