import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { deploymentSpec, ingressFor, migrationJobName, migrationJobSpec, NEG_ANNOTATION, podSpec, serviceSpec, type PodInput } from "./workload";
import { cloudRunServiceName, serviceAccountId } from "../workload/names";
import { serviceEnv } from "../workload/env";
import { cloudSqlClientGrant } from "../iam/grants";
import type { ServiceWorkloadArgs } from "../workload/args";

export interface KubernetesServiceArgs extends ServiceWorkloadArgs {
    /** Cloud SQL Auth Proxy image (pinned), required with `database`. */
    sqlProxyImage?: string;
    namespace: string;
    /** Provider for the stack's cluster. */
    provider: k8s.Provider;
}

/**
 * One service on GKE: a Workload Identity bound Google service account, a hardened Deployment pinned by digest, a
 * migration Job that runs the same image first, a Service, and an HTTPS Ingress on a reserved global address.
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
        const { project, config } = args;
        this.workloadName = cloudRunServiceName(args.app, args.environment, args.service);
        this.url = `https://${config.hostname}`;
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
        new gcp.serviceaccount.IAMMember(
            `${name}-workload-identity`,
            {
                serviceAccountId: account.name,
                role: "roles/iam.workloadIdentityUser",
                member: `serviceAccount:${project}.svc.id.goog[${args.namespace}/${this.workloadName}]`,
            },
            gcpChild,
        );
        if (args.database) {
            cloudSqlClientGrant(`${name}-sql-client`, project, args.database.instanceName, account.member, this);
        }
        const kubernetesAccount = new k8s.core.v1.ServiceAccount(
            `${name}-ksa`,
            { metadata: metadata(this.workloadName, { "iam.gke.io/gcp-service-account": account.email }) },
            k8sChild,
        );

        const pod: PodInput = {
            image: args.image,
            port: config.port,
            healthPath: config.healthPath,
            resources: config.resources,
            env: serviceEnv({ env: config.env, secrets: config.secrets, corsOrigins: args.corsOrigins, database: args.database }),
            serviceAccountName: this.workloadName,
            sqlProxy: args.database && args.sqlProxyImage ? { image: args.sqlProxyImage, connectionName: args.database.connectionName } : undefined,
        };
        const migration = config.migrations
            ? new k8s.batch.v1.Job(
                  `${name}-migration`,
                  { metadata: metadata(migrationJobName(this.workloadName, config.digest)), spec: migrationJobSpec(podSpec({ ...pod, command: config.migrations })) },
                  { ...k8sChild, dependsOn: [...(args.waitFor ?? []), kubernetesAccount] },
              )
            : undefined;
        // The Job must have succeeded with the new digest before any pod of the Deployment runs it.
        this.deployment = new k8s.apps.v1.Deployment(
            `${name}-deployment`,
            { metadata: metadata(this.workloadName), spec: deploymentSpec(selector, config.replicas ?? 2, podSpec(pod)) },
            { ...k8sChild, dependsOn: [...(args.waitFor ?? []), kubernetesAccount, ...(migration ? [migration] : [])] },
        );
        new k8s.core.v1.Service(`${name}-service`, { metadata: metadata(this.workloadName, NEG_ANNOTATION), spec: serviceSpec(selector, config.port) }, k8sChild);

        const address = new gcp.compute.GlobalAddress(`${name}-address`, { project, name: `${this.workloadName}-ingress`, labels: args.labels }, gcpChild);
        const certificateName = `${this.workloadName}-certificate`;
        new k8s.apiextensions.CustomResource(
            `${name}-certificate`,
            { apiVersion: "networking.gke.io/v1", kind: "ManagedCertificate", metadata: metadata(certificateName), spec: { domains: [config.hostname] } },
            k8sChild,
        );
        const ingress = ingressFor({ hostname: config.hostname, serviceName: this.workloadName, addressName: `${this.workloadName}-ingress`, certificateName });
        new k8s.networking.v1.Ingress(
            `${name}-ingress`,
            { metadata: metadata(this.workloadName, ingress.annotations), spec: ingress.spec },
            { ...k8sChild, dependsOn: [...(args.waitFor ?? []), address] },
        );

        this.address = address.address;
        this.registerOutputs({ workloadName: this.workloadName, url: this.url, address: this.address });
    }
}
