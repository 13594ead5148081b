import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { gkeKubeconfig } from "./workload";

export interface KubernetesClusterArgs {
    project: string;
    /** The Pulumi project name (`bilko`): the `app.kubernetes.io/part-of` label of the namespace. */
    app: string;
    /** The `environment` label of the namespace. */
    environment: string;
    /** GKE cluster whose kubeconfig is built here (credentials from gke-gcloud-auth-plugin); or give `kubeconfig`. */
    cluster?: { name: string; location: string };
    /** A kubeconfig (a secret) instead of `cluster`. */
    kubeconfig?: string;
    /** Namespace every workload of the stack runs in. */
    namespace: string;
    /**
     * Create the namespace (`false`: it exists already).
     * @default true
     */
    createNamespace?: boolean;
}

/** The stack's way into its GKE cluster: a provider (kubeconfig built from the cluster, or given) and its namespace. */
export class KubernetesCluster extends pulumi.ComponentResource {
    readonly provider: k8s.Provider;
    readonly namespace: string;
    /** What workloads wait for: the namespace when bilko creates it. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: KubernetesClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:kubernetes:Cluster", name, {}, opts);
        if (Boolean(args.cluster) === Boolean(args.kubeconfig)) {
            throw new pulumi.InputPropertyError({ propertyPath: "cluster", reason: `set exactly one of "cluster" (name + location) or "kubeconfig"` });
        }
        const kubeconfig = args.kubeconfig
            ? pulumi.secret(args.kubeconfig)
            : gcp.container
                  .getClusterOutput({ project: args.project, name: args.cluster!.name, location: args.cluster!.location }, { parent: this })
                  .apply((cluster) => gkeKubeconfig({ name: cluster.name, endpoint: cluster.endpoint, caCertificate: cluster.masterAuths[0].clusterCaCertificate }));
        this.provider = new k8s.Provider(`${name}-provider`, { kubeconfig, namespace: args.namespace }, { parent: this });
        this.namespace = args.namespace;
        const createNamespace = args.createNamespace ?? true;
        this.ready = createNamespace
            ? [
                  new k8s.core.v1.Namespace(
                      `${name}-namespace`,
                      { metadata: { name: args.namespace, labels: { "app.kubernetes.io/part-of": args.app, environment: args.environment } } },
                      { parent: this, provider: this.provider },
                  ),
              ]
            : [];
        this.registerOutputs({ namespace: this.namespace });
    }
}
