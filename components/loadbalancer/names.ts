/** Cloud names and resource ids of the load balancer's parts. */
import { hostnameSlug } from "../edge/names";
import { workloadName } from "../workload/names";

/** Cloud name of a part: `bilko-<part>` in prod, `bilko-<part>-<environment>` elsewhere, as services are named. */
export function loadBalancerName(app: string, environment: string, part: string): string {
    return workloadName(app, environment, part);
}

/** Certificate Manager's rule for names: a letter, then letters, digits, `-` or `_`, 64 at most. */
const CERTIFICATE_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

/**
 * A hostname's DNS authorization, certificate and certificate map entry are named after it (`bilko-api-alai-no`);
 * hostnames are unique across stacks, so the names are too. `undefined` when the hostname makes no valid name.
 */
export function certificateName(hostname: string): string | undefined {
    const name = hostnameSlug(hostname);
    return CERTIFICATE_NAME.test(name) ? name : undefined;
}

/** `projects/<p>/global/<collection>/<name>`: how Compute Engine resources name each other. */
export function globalId(project: string, collection: string, name: string): string {
    return `projects/${project}/global/${collection}/${name}`;
}

/** `projects/<p>/regions/<region>/networkEndpointGroups/<name>`. */
export function regionalNegId(project: string, region: string, name: string): string {
    return `projects/${project}/regions/${region}/networkEndpointGroups/${name}`;
}

/** `projects/<p>/locations/global/<collection>/<name>`: a Certificate Manager resource. */
export function certificateManagerId(project: string, collection: string, name: string): string {
    return `projects/${project}/locations/global/${collection}/${name}`;
}
