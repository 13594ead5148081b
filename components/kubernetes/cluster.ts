import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { gkeKubeconfig } from "./workload";
import type { Environment, KubernetesConfig } from "../../config";

export interface KubernetesClusterArgs {
    project: string;
    app: string;
    environment: Environment;
    /** `bilko:kubernetes` of the stack. */
    config: KubernetesConfig;
}

/** The stack's way into its GKE cluster: a provider (kubeconfig built from the cluster, or given) and its namespace. */
export class KubernetesCluster extends pulumi.ComponentResource {
    readonly provider: k8s.Provider;
    readonly namespace: string;
    /** What workloads wait for: the namespace when bilko creates it. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: KubernetesClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:kubernetes:Cluster", name, {}, opts);
        const { config } = args;
        const kubeconfig = config.kubeconfig
            ? pulumi.secret(config.kubeconfig)
            : gcp.container
                  .getClusterOutput({ project: args.project, name: config.cluster!.name, location: config.cluster!.location }, { parent: this })
                  .apply((cluster) => gkeKubeconfig({ name: cluster.name, endpoint: cluster.endpoint, caCertificate: cluster.masterAuths[0].clusterCaCertificate }));
        this.provider = new k8s.Provider(`${name}-provider`, { kubeconfig, namespace: config.namespace }, { parent: this });
        this.namespace = config.namespace;
        this.ready = config.createNamespace
            ? [
                  new k8s.core.v1.Namespace(
                      `${name}-namespace`,
                      { metadata: { name: config.namespace, labels: { "app.kubernetes.io/part-of": args.app, environment: args.environment } } },
                      { parent: this, provider: this.provider },
                  ),
              ]
            : [];
        this.registerOutputs({ namespace: this.namespace });
    }
}
