/** Who may reach a Cloud Run service, and the API value of each setting. */

/**
 * `all`: anyone on the internet, at the `run.app` URL and any domain mapping. `internal-and-load-balancer`: only the
 * project's VPC and Google Cloud load balancers; `run.app`, its tag URLs and domain mappings refuse everyone else.
 */
export type CloudRunIngress = "all" | "internal-and-load-balancer";

const INGRESS_TRAFFIC: Readonly<Record<CloudRunIngress, string>> = {
    all: "INGRESS_TRAFFIC_ALL",
    "internal-and-load-balancer": "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
};

export function ingressTraffic(ingress: CloudRunIngress): string {
    return INGRESS_TRAFFIC[ingress];
}
