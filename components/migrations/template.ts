/** The Cloud Run v2 job template that runs a service's migrations command, as a plain record. */
import type * as gcp from "@pulumi/gcp";
import type { Input } from "@pulumi/pulumi";
import { cloudSqlSocket, containerEnvs, vpcAccess, type VpcEgress } from "../cloudrun/template";
import type { ServiceEnv } from "../workload/env";

type JobTemplate = gcp.types.input.cloudrunv2.JobTemplate;

export interface MigrationTemplateInput {
    /** The migrator image at the stack's own digest; its entrypoint is Flyway. */
    image: string;
    /** Flyway's arguments when an execution gives none. */
    args: string[];
    serviceAccountEmail: Input<string>;
    /** Flyway's database env only: the job needs no value or secret of the service. */
    env: ServiceEnv;
    /** The instance whose socket is mounted; absent for a private-IP instance, which Flyway dials through `vpcEgress`. */
    sqlConnectionName?: string;
    vpcEgress?: VpcEgress;
    labels: Record<string, string>;
}

/** One task, no retries: a failed migration stops the deploy for a person to read, rather than running twice. */
export const MIGRATION_TIMEOUT = "1800s";

export function migrationJobTemplate(input: MigrationTemplateInput): JobTemplate {
    const socket = input.sqlConnectionName ? cloudSqlSocket(input.sqlConnectionName) : undefined;
    return {
        labels: input.labels,
        taskCount: 1,
        parallelism: 1,
        template: {
            serviceAccount: input.serviceAccountEmail,
            maxRetries: 0,
            timeout: MIGRATION_TIMEOUT,
            ...(input.vpcEgress ? { vpcAccess: vpcAccess(input.vpcEgress) } : {}),
            volumes: socket ? [socket.volume] : [],
            containers: [
                {
                    image: input.image,
                    args: input.args,
                    envs: containerEnvs(input.env),
                    volumeMounts: socket ? [socket.mount] : [],
                },
            ],
        },
    };
}
