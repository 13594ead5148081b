/** Names of a stack's VPC resources, all derived from the VPC's name. */

export function networkNames(network: string) {
    return {
        network,
        /** Cloud Run's Direct VPC egress subnet. */
        egressSubnet: `${network}-run-egress`,
        /** The range Private Service Access (Cloud SQL's private IP) allocates from. */
        serviceRange: `${network}-private-services`,
    };
}

/** The peering every Google-managed service with a private IP (Cloud SQL among them) is reached through. */
export const SERVICE_NETWORKING = "servicenetworking.googleapis.com";
