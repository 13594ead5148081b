/**
 * Kubernetes objects of one service, as plain records: the Deployment's pod template (hardened, pinned by digest),
 * the migration Job that runs the migrator image first, the Service and the Ingress.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { Input } from "@pulumi/pulumi";
import { digestPrefix } from "../registry/images";
import { CLOUD_SQL_MOUNT_PATH, type ServiceEnv } from "../workload/env";

type PodSpec = k8s.types.input.core.v1.PodSpec;
type Container = k8s.types.input.core.v1.Container;

/** Key under which each Kubernetes Secret (synced from Secret Manager under the same name) holds its value. */
export const SECRET_VALUE_KEY = "value";
const SERVICE_PORT = 80;

export interface PodInput {
    image: string;
    port: number;
    healthPath: string;
    resources: { cpu: string; memory: string };
    env: ServiceEnv;
    serviceAccountName: string;
    /** Cloud SQL Auth Proxy sidecar serving a unix socket at /cloudsql, for database services (`privateIp`: it dials the private IP). */
    sqlProxy?: { image: string; connectionName: string; privateIp?: boolean };
    /** For Jobs: the arguments of the image's entrypoint (the migrator's is Flyway). */
    job?: { args: string[] };
}

/** Kubernetes object names allow lowercase letters, digits and "-" only. */
export function kubernetesSecretName(secretId: Input<string>): Input<string> {
    return typeof secretId === "string" ? secretId.toLowerCase().replace(/_/g, "-") : secretId;
}

/** Non-root, read-only root filesystem, no privilege escalation, every capability dropped. */
export function hardenedContainerSecurity(): k8s.types.input.core.v1.SecurityContext {
    return { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
}

function env(input: PodInput): k8s.types.input.core.v1.EnvVar[] {
    return [
        ...input.env.plain.map(({ name, value }) => ({ name, value })),
        ...input.env.secret.map((entry) => ({
            name: entry.name,
            valueFrom: { secretKeyRef: { name: kubernetesSecretName(entry.secret), key: SECRET_VALUE_KEY } },
        })),
    ];
}

function appContainer(input: PodInput): Container {
    const probe = { httpGet: { path: input.healthPath, port: input.port } };
    const resources = { cpu: input.resources.cpu, memory: input.resources.memory };
    return {
        name: "app",
        image: input.image,
        imagePullPolicy: "IfNotPresent",
        ...(input.job ? { args: input.job.args } : { ports: [{ containerPort: input.port }] }),
        env: env(input),
        ...(input.job ? {} : { readinessProbe: { ...probe, periodSeconds: 5 }, livenessProbe: { ...probe, periodSeconds: 30, failureThreshold: 3 } }),
        resources: { requests: resources, limits: resources },
        securityContext: hardenedContainerSecurity(),
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }, ...(input.sqlProxy ? [{ name: "cloudsql", mountPath: CLOUD_SQL_MOUNT_PATH }] : [])],
    };
}

/** A native sidecar (init container that keeps running), so Jobs still complete when the app container exits. */
function sqlProxyContainer(proxy: NonNullable<PodInput["sqlProxy"]>): Container {
    return {
        name: "cloud-sql-proxy",
        image: proxy.image,
        imagePullPolicy: "IfNotPresent",
        restartPolicy: "Always",
        args: ["--structured-logs", ...(proxy.privateIp ? ["--private-ip"] : []), `--unix-socket=${CLOUD_SQL_MOUNT_PATH}`, proxy.connectionName],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "100m", memory: "128Mi" } },
        securityContext: hardenedContainerSecurity(),
        volumeMounts: [{ name: "cloudsql", mountPath: CLOUD_SQL_MOUNT_PATH }],
    };
}

export function podSpec(input: PodInput): PodSpec {
    return {
        serviceAccountName: input.serviceAccountName,
        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
        initContainers: input.sqlProxy ? [sqlProxyContainer(input.sqlProxy)] : [],
        containers: [appContainer(input)],
        volumes: [{ name: "tmp", emptyDir: {} }, ...(input.sqlProxy ? [{ name: "cloudsql", emptyDir: {} }] : [])],
    };
}

/** Rolling, one pod at a time; ten old ReplicaSets kept so `kubectl rollout undo` has somewhere to go. */
export function deploymentSpec(selector: Record<string, string>, replicas: number, pod: PodSpec): k8s.types.input.apps.v1.DeploymentSpec {
    return {
        replicas,
        revisionHistoryLimit: 10,
        selector: { matchLabels: selector },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
        template: { metadata: { labels: selector }, spec: pod },
    };
}

/** Jobs are immutable, so each migrator digest gets its own: `bilko-api-migrate-0123456789ab`. */
export function migrationJobObjectName(workload: string, digest: string): string {
    return `${workload}-migrate-${digestPrefix(digest)}`;
}

export function migrationJobSpec(pod: PodSpec): k8s.types.input.batch.v1.JobSpec {
    return { backoffLimit: 0, ttlSecondsAfterFinished: 7 * 24 * 3600, template: { spec: { ...pod, restartPolicy: "Never" } } };
}

/** ClusterIP with container-native load balancing (NEG), which the GKE Ingress needs. */
export function serviceSpec(selector: Record<string, string>, targetPort: number): k8s.types.input.core.v1.ServiceSpec {
    return { type: "ClusterIP", selector, ports: [{ name: "http", port: SERVICE_PORT, targetPort }] };
}

export const NEG_ANNOTATION = { "cloud.google.com/neg": '{"ingress": true}' };

/**
 * A GKE Ingress's backend behind Cloud Armor: the BackendConfig (named like the Service) attaches the policy and logs
 * every request, and the Service's annotation names the BackendConfig for all its ports.
 */
export function armoredBackend<Name>(objectName: string, securityPolicy: Name) {
    return {
        spec: { securityPolicy: { name: securityPolicy }, logging: { enable: true, sampleRate: 1 } },
        annotations: { "cloud.google.com/backend-config": JSON.stringify({ default: objectName }) },
    };
}

/** GKE Ingress on a reserved global address with a Google-managed certificate, HTTPS only. */
export function ingressFor(args: { hostname: string; serviceName: string; addressName: string; certificateName: string }) {
    return {
        annotations: {
            "kubernetes.io/ingress.class": "gce",
            "kubernetes.io/ingress.global-static-ip-name": args.addressName,
            "networking.gke.io/managed-certificates": args.certificateName,
            "kubernetes.io/ingress.allow-http": "false",
        },
        spec: {
            rules: [
                {
                    host: args.hostname,
                    http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: args.serviceName, port: { number: SERVICE_PORT } } } }] },
                },
            ],
        } satisfies k8s.types.input.networking.v1.IngressSpec,
    };
}

/** Kubeconfig for a GKE cluster; credentials come from gke-gcloud-auth-plugin, so none is stored. */
export function gkeKubeconfig(cluster: { name: string; endpoint: string; caCertificate: string }): string {
    const context = `gke_${cluster.name}`;
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: context, cluster: { server: `https://${cluster.endpoint}`, "certificate-authority-data": cluster.caCertificate } }],
        contexts: [{ name: context, context: { cluster: context, user: context } }],
        "current-context": context,
        users: [
            {
                name: context,
                user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin", provideClusterInfo: true, installHint: "gcloud components install gke-gcloud-auth-plugin" } },
            },
        ],
    });
}
