/** The global external Application Load Balancer in front of Cloud Run: addresses, backends, routing, certificates. */
export { LoadBalancer, type AuthorizationRecord, type LoadBalancedService, type LoadBalancerArgs } from "./loadBalancer";
export { certificateManagerId, certificateName, globalId, loadBalancerName, regionalNegId } from "./names";
export { CANDIDATE_HEADER, CANDIDATE_VALUE, HTTPS_REDIRECT, hostRouting, unknownHostRedirect, type HostBackends } from "./routing";
