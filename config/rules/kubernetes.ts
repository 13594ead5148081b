/** `bilko:kubernetes` and the services with `runtime: kubernetes`. */
import { serviceKey } from "../keys";
import type { StackConfig } from "../types";
import type { Problem } from "./problem";

export function kubernetesProblem(config: StackConfig): Problem | undefined {
    const onKubernetes = Object.entries(config.services).filter(([, service]) => service.runtime === "kubernetes");
    if (onKubernetes.length > 0 && !config.kubernetes) {
        return { key: "bilko:kubernetes", reason: `missing required key: service "${onKubernetes[0][0]}" has runtime: kubernetes` };
    }
    for (const [name, service] of Object.entries(config.services)) {
        if (service.runtime === "cloudrun" && service.replicas !== undefined) {
            return { key: serviceKey(name, "replicas"), reason: "applies to runtime: kubernetes; Cloud Run scales between minInstances and maxInstances" };
        }
        if (service.runtime !== "kubernetes") {
            continue;
        }
        if (!service.public) {
            return { key: serviceKey(name, "public"), reason: "a Kubernetes service is published through its Ingress; runtime: kubernetes needs public: true" };
        }
        if (service.adopt.service || service.adopt.domainMapping) {
            return { key: serviceKey(name, "adopt"), reason: "adopting applies to live Cloud Run services and domain mappings; a Kubernetes Deployment is created by bilko" };
        }
        if (service.database && !config.kubernetes?.sqlProxyImage) {
            return { key: "bilko:kubernetes.sqlProxyImage", reason: `missing required key: service "${name}" has database: true and reaches Cloud SQL through the Auth Proxy sidecar` };
        }
    }
    return undefined;
}
