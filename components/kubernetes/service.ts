import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { accountAdminGrant, cloudSqlClientGrant, serviceAccountId } from "../iam";
import { DEFAULT_FLYWAY_ARGS, flywayEnv } from "../migrations/flywayEnv";
import { pinnedDigest, servedDatabaseEnv, serviceEnv, workloadName, type DatabaseBinding, type ServiceWorkloadArgs } from "../workload";
import { armoredBackend, deploymentSpec, ingressFor, migrationJobObjectName, migrationJobSpec, NEG_ANNOTATION, podSpec, serviceSpec, type PodInput } from "./workload";

export interface KubernetesServiceArgs extends ServiceWorkloadArgs {
    /** Cloud SQL Auth Proxy sidecar image, pinned by digest; required with `database`. */
    sqlProxyImage?: string;
    /** Namespace of every Kubernetes object of the service. */
    namespace: string;
    /** Provider for the stack's cluster. */
    provider: k8s.Provider;
    /**
     * Pods of the Deployment.
     * @default 2
     */
    replicas?: number;
    /**
     * The migrator image (Flyway and the migrations), pinned by digest: a Job named from its digest runs Flyway and
     * must succeed before the Deployment moves. A rollback keeps the migrator digest, so it runs no Job again.
     */
    migrations?: { image: string };
    /**
     * Name of the Cloud Armor policy on the Ingress's backend (a BackendConfig, with request logging).
     * @default none: the backend has no security policy
     */
    securityPolicy?: pulumi.Input<string>;
    /** `serviceAccount:...` of the account that runs `pulumi up` here: admin on this workload's account alone. */
    deployer: pulumi.Input<string>;
}

const DEFAULT_REPLICAS = 2;

/**
 * One service on GKE: a Workload Identity bound Google service account, a hardened Deployment pinned by digest, a
 * migration Job that runs the migrator image first, a Service, and an HTTPS Ingress on a reserved global address.
 */
export class KubernetesService extends pulumi.ComponentResource {
    /** Name of the Deployment, Service and Ingress (`bilko-api`, `bilko-api-stage`, ...). */
    readonly workloadName: string;
    /** The reserved global IP the hostname's DNS record points at. */
    readonly address: pulumi.Output<string>;
    readonly deployment: k8s.apps.v1.Deployment;
    /** `https://<hostname>`. */
    readonly url: string;

    constructor(name: string, args: KubernetesServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:kubernetes:Service", name, {}, opts);
        const { project } = args;
        this.workloadName = workloadName(args.app, args.environment, args.service);
        this.url = `https://${args.hostname}`;
        pinnedDigest(args.image);
        if (args.database && !args.sqlProxyImage) {
            throw new pulumi.InputPropertyError({ propertyPath: "sqlProxyImage", reason: "a database service reaches Cloud SQL through the Auth Proxy sidecar; give its image, pinned by digest" });
        }
        const selector = { "app.kubernetes.io/name": this.workloadName };
        const objectLabels = { ...selector, "app.kubernetes.io/part-of": args.app, environment: args.environment };
        const gcpChild = { parent: this };
        const k8sChild = { parent: this, provider: args.provider, dependsOn: args.waitFor };
        const metadata = (objectName: string, extra: Record<string, pulumi.Input<string>> = {}) => ({
            name: objectName,
            namespace: args.namespace,
            labels: objectLabels,
            annotations: extra,
        });

        const account = new gcp.serviceaccount.Account(
            `${name}-sa`,
            {
                project,
                accountId: serviceAccountId(args.app, args.environment, args.service),
                displayName: `${this.workloadName} (GKE workload)`,
                description: `Workload Identity of Deployment ${args.namespace}/${this.workloadName}; managed by bilko.`,
            },
            gcpChild,
        );
        // The deployer set up Workload Identity on the account, and may update or delete it: admin on it alone.
        const deployerAdmin = accountAdminGrant(`${name}-deployer-admin`, account, args.deployer, this);
        new gcp.serviceaccount.IAMMember(
            `${name}-workload-identity`,
            {
                serviceAccountId: account.name,
                role: "roles/iam.workloadIdentityUser",
                member: `serviceAccount:${project}.svc.id.goog[${args.namespace}/${this.workloadName}]`,
            },
            { ...gcpChild, dependsOn: [deployerAdmin] },
        );
        if (args.database) {
            cloudSqlClientGrant(`${name}-sql-client`, project, args.database.instanceName, account.member, this);
        }
        const kubernetesAccount = new k8s.core.v1.ServiceAccount(
            `${name}-ksa`,
            { metadata: metadata(this.workloadName, { "iam.gke.io/gcp-service-account": account.email }) },
            k8sChild,
        );

        // The pod reaches the database through the sidecar's socket either way; the sidecar dials a private IP itself.
        const database = viaProxy(args.database);
        const pod: PodInput = {
            image: args.image,
            port: args.port,
            healthPath: args.healthPath,
            resources: args.resources,
            env: serviceEnv({ env: args.env ?? {}, secrets: args.secrets ?? {}, corsOrigins: args.corsOrigins, database, databaseEnv: servedDatabaseEnv(database, args.databaseEnv) }),
            serviceAccountName: this.workloadName,
            sqlProxy:
                args.database && args.sqlProxyImage
                    ? { image: args.sqlProxyImage, connectionName: args.database.connectionName, privateIp: args.database.privateAddress !== undefined }
                    : undefined,
        };
        const migration = this.migrationJob(name, args, pod, metadata, { ...k8sChild, dependsOn: [...(args.waitFor ?? []), kubernetesAccount] });
        // The Job must have succeeded with the new digest before any pod of the Deployment runs it.
        this.deployment = new k8s.apps.v1.Deployment(
            `${name}-deployment`,
            { metadata: metadata(this.workloadName), spec: deploymentSpec(selector, args.replicas ?? DEFAULT_REPLICAS, podSpec(pod)) },
            { ...k8sChild, dependsOn: [...(args.waitFor ?? []), kubernetesAccount, ...(migration ? [migration] : [])] },
        );
        const armor = args.securityPolicy === undefined ? undefined : armoredBackend(this.workloadName, args.securityPolicy);
        if (armor) {
            new k8s.apiextensions.CustomResource(`${name}-backend-config`, { apiVersion: "cloud.google.com/v1", kind: "BackendConfig", metadata: metadata(this.workloadName), spec: armor.spec }, k8sChild);
        }
        new k8s.core.v1.Service(`${name}-service`, { metadata: metadata(this.workloadName, { ...NEG_ANNOTATION, ...armor?.annotations }), spec: serviceSpec(selector, args.port) }, k8sChild);

        const address = new gcp.compute.GlobalAddress(`${name}-address`, { project, name: `${this.workloadName}-ingress`, labels: args.labels }, gcpChild);
        const certificateName = `${this.workloadName}-certificate`;
        new k8s.apiextensions.CustomResource(
            `${name}-certificate`,
            { apiVersion: "networking.gke.io/v1", kind: "ManagedCertificate", metadata: metadata(certificateName), spec: { domains: [args.hostname] } },
            k8sChild,
        );
        const ingress = ingressFor({ hostname: args.hostname, serviceName: this.workloadName, addressName: `${this.workloadName}-ingress`, certificateName });
        new k8s.networking.v1.Ingress(
            `${name}-ingress`,
            { metadata: metadata(this.workloadName, ingress.annotations), spec: ingress.spec },
            { ...k8sChild, dependsOn: [...(args.waitFor ?? []), address] },
        );

        this.address = address.address;
        this.registerOutputs({ workloadName: this.workloadName, url: this.url, address: this.address });
    }

    /** The migrator's Job: Flyway's own database env, through the same Auth Proxy sidecar as the service. */
    private migrationJob(
        name: string,
        args: KubernetesServiceArgs,
        pod: PodInput,
        metadata: (objectName: string) => k8s.types.input.meta.v1.ObjectMeta,
        options: pulumi.CustomResourceOptions,
    ): k8s.batch.v1.Job | undefined {
        if (!args.migrations) {
            return undefined;
        }
        if (!args.database) {
            throw new pulumi.InputPropertyError({ propertyPath: "migrations", reason: "migrations run against the database; give the service's database binding" });
        }
        const migratorDigest = pinnedDigest(args.migrations.image);
        const job = { ...pod, image: args.migrations.image, env: flywayEnv(viaProxy(args.database)!), job: { args: DEFAULT_FLYWAY_ARGS } };
        return new k8s.batch.v1.Job(`${name}-migration`, { metadata: metadata(migrationJobObjectName(this.workloadName, migratorDigest)), spec: migrationJobSpec(podSpec(job)) }, options);
    }
}

/** The binding as a pod sees it behind the Auth Proxy sidecar: always its socket, never the private address. */
function viaProxy(database: DatabaseBinding | undefined): DatabaseBinding | undefined {
    return database && { ...database, privateAddress: undefined };
}
