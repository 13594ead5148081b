/** Services on GKE: the cluster connection, the hardened workload of one service, and its plain-record builders. */
export { KubernetesCluster, type KubernetesClusterArgs } from "./cluster";
export { KubernetesService, type KubernetesServiceArgs } from "./service";
export {
    armoredBackend,
    deploymentSpec,
    gkeKubeconfig,
    hardenedContainerSecurity,
    ingressFor,
    kubernetesSecretName,
    migrationJobObjectName,
    migrationJobSpec,
    NEG_ANNOTATION,
    podSpec,
    SECRET_VALUE_KEY,
    serviceSpec,
    type PodInput,
} from "./workload";
