import { inProd } from "../../support/labels";
import { known, stackPolicy, UNKNOWN } from "../../support/policy";
import { CLOSED_INGRESS, CLOUD_RUN_SERVICE, loadBalancedServices, subject } from "../support";

export const disallowPublicIngress = stackPolicy({
    name: "cloudrun-service-disallow-public-ingress",
    description: "A Cloud Run service behind a serverless NEG of the stack, or labelled environment=prod, accepts traffic only from the VPC and load balancers, never from the internet directly.",
    enforcementLevel: "mandatory",
    check: (resources, _args, report) => {
        const fronted = loadBalancedServices(resources);
        for (const service of resources.filter((resource) => resource.type === CLOUD_RUN_SERVICE)) {
            // Unset means INGRESS_TRAFFIC_ALL, Cloud Run's default.
            const ingress = known(() => (service.props.ingress as string | undefined) ?? "INGRESS_TRAFFIC_ALL");
            const name = known(() => service.props.name as string);
            if (ingress === UNKNOWN || CLOSED_INGRESS.includes(ingress)) {
                continue;
            }
            const neg = name === UNKNOWN || fronted === UNKNOWN ? undefined : fronted.get(name);
            if (neg !== undefined) {
                report(
                    `${subject(service.name)} is behind the load balancer (serverless NEG "${neg}") but has ingress ${ingress}: anyone can call its run.app URL and skip Cloud Armor; set ingress to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER.`,
                    service.urn,
                );
            } else if (known(() => inProd(service.type, service.props)) === true) {
                report(
                    `${subject(service.name)} is labelled environment=prod but has ingress ${ingress}, so the internet reaches it directly; serve it through the load balancer (bilko:edge.mode: load-balancer) and set ingress to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER.`,
                    service.urn,
                );
            }
        }
    },
});
