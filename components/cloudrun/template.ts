/** The Cloud Run v2 revision template of a service, as a plain record. */
import type * as gcp from "@pulumi/gcp";
import type { Input } from "@pulumi/pulumi";
import { CLOUD_SQL_MOUNT_PATH, type ServiceEnv } from "../workload/env";

type Template = gcp.types.input.cloudrunv2.ServiceTemplate;

export interface TemplateInput {
    image: string;
    port: number;
    healthPath: string;
    minInstances: number;
    maxInstances: number;
    resources: { cpu: string; memory: string };
    serviceAccountEmail: Input<string>;
    env: ServiceEnv;
    labels: Record<string, string>;
    /** Cloud SQL instance whose socket is mounted at /cloudsql (a public-IP instance; a private one is reached over TCP). */
    sqlConnectionName?: string;
    /** Direct VPC egress: private ranges go into this subnet, everything else out as before. */
    vpcEgress?: VpcEgress;
    /** Explicit revision name (canary releases); Cloud Run generates one when absent. */
    revision?: string;
}

const SQL_VOLUME = "cloudsql";

/** Binary Authorization of a service or job: the project's policy decides which images may be deployed. */
export const PROJECT_POLICY = { useDefault: true } as const;

/** The VPC and subnet a service or job sends its private traffic into (Direct VPC egress, no connector). */
export interface VpcEgress {
    /** `projects/<p>/global/networks/<n>`. */
    network: Input<string>;
    /** `projects/<p>/regions/<r>/subnetworks/<s>`. */
    subnetwork: Input<string>;
}

/** Only RFC 1918 destinations (the database's private IP) take the VPC; the internet stays on Cloud Run's own egress. */
export function vpcAccess(egress: VpcEgress) {
    return { networkInterfaces: [{ network: egress.network, subnetwork: egress.subnetwork }], egress: "PRIVATE_RANGES_ONLY" };
}

/** Plain values, then secrets by `secretKeyRef`: the env of a Cloud Run container (service or job). */
export function containerEnvs(env: ServiceEnv) {
    return [
        ...env.plain,
        ...env.secret.map((entry) => ({ name: entry.name, valueSource: { secretKeyRef: { secret: entry.secret, version: entry.version } } })),
    ];
}

/** The Cloud SQL Auth Proxy socket of one instance: the volume, and its mount at /cloudsql. */
export function cloudSqlSocket(connectionName: string) {
    return {
        volume: { name: SQL_VOLUME, cloudSqlInstance: { instances: [connectionName] } },
        mount: { name: SQL_VOLUME, mountPath: CLOUD_SQL_MOUNT_PATH },
    };
}

export function serviceTemplate(input: TemplateInput): Template {
    const probe = { httpGet: { path: input.healthPath, port: input.port } };
    const socket = input.sqlConnectionName ? cloudSqlSocket(input.sqlConnectionName) : undefined;
    return {
        revision: input.revision,
        serviceAccount: input.serviceAccountEmail,
        labels: input.labels,
        scaling: { minInstanceCount: input.minInstances, maxInstanceCount: input.maxInstances },
        ...(input.vpcEgress ? { vpcAccess: vpcAccess(input.vpcEgress) } : {}),
        volumes: socket ? [socket.volume] : [],
        containers: [
            {
                image: input.image,
                ports: { containerPort: input.port },
                resources: { limits: { cpu: input.resources.cpu, memory: input.resources.memory } },
                envs: containerEnvs(input.env),
                startupProbe: { ...probe, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 24 },
                livenessProbe: { ...probe, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3 },
                volumeMounts: socket ? [socket.mount] : [],
            },
        ],
    };
}
