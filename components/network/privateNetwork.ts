import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { networkAddress, parseCidr } from "./cidr";
import { networkNames, SERVICE_NETWORKING } from "./names";

export interface PrivateNetworkArgs {
    project: string;
    /** Region of the egress subnet: the region of the Cloud Run services that send traffic into it. */
    region: string;
    /** The VPC's name; the subnet and the reserved range are named after it. */
    name: string;
    /** IPv4 range of the Direct VPC egress subnet, e.g. `10.10.0.0/24` (at least a /26). */
    egressSubnet: string;
    /** IPv4 range reserved for Private Service Access, e.g. `10.20.0.0/20` (at least a /24). */
    serviceRange: string;
}

/**
 * The stack's own VPC: no automatic subnets, one subnet Cloud Run services and jobs send their private traffic into
 * (Direct VPC egress, flow logs on), and a range peered to Google's service producers (Private Service Access) where
 * Cloud SQL places a private IP. Nothing in it has an external address.
 */
export class PrivateNetwork extends pulumi.ComponentResource {
    readonly network: gcp.compute.Network;
    readonly subnetwork: gcp.compute.Subnetwork;
    /** The Private Service Access peering: a private Cloud SQL instance can be created only once it exists. */
    readonly serviceConnection: gcp.servicenetworking.Connection;

    constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:PrivateNetwork", name, {}, opts);
        const names = networkNames(args.name);
        const serviceRange = parseCidr(args.serviceRange);
        if (!parseCidr(args.egressSubnet)) {
            throw new pulumi.InputPropertyError({ propertyPath: "egressSubnet", reason: `expected an IPv4 range such as "10.10.0.0/24", got ${JSON.stringify(args.egressSubnet)}` });
        }
        if (!serviceRange) {
            throw new pulumi.InputPropertyError({ propertyPath: "serviceRange", reason: `expected an IPv4 range such as "10.20.0.0/20", got ${JSON.stringify(args.serviceRange)}` });
        }
        this.network = new gcp.compute.Network(
            `${name}-vpc`,
            { project: args.project, name: names.network, autoCreateSubnetworks: false, routingMode: "REGIONAL", description: "Private network of the database and the services' egress; managed by bilko." },
            { parent: this },
        );
        this.subnetwork = new gcp.compute.Subnetwork(
            `${name}-egress-subnet`,
            {
                project: args.project,
                region: args.region,
                name: names.egressSubnet,
                network: this.network.id,
                ipCidrRange: args.egressSubnet,
                privateIpGoogleAccess: true,
                logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" },
                description: "Cloud Run Direct VPC egress; managed by bilko.",
            },
            { parent: this },
        );
        const reserved = new gcp.compute.GlobalAddress(
            `${name}-service-range`,
            {
                project: args.project,
                name: names.serviceRange,
                purpose: "VPC_PEERING",
                addressType: "INTERNAL",
                address: networkAddress(serviceRange),
                prefixLength: serviceRange.prefix,
                network: this.network.id,
                description: "Private Service Access: Cloud SQL's private IPs; managed by bilko.",
            },
            { parent: this },
        );
        // ABANDON: deleting the peering fails while a private instance still uses it; it goes with the network.
        this.serviceConnection = new gcp.servicenetworking.Connection(
            `${name}-service-connection`,
            { network: this.network.id, service: SERVICE_NETWORKING, reservedPeeringRanges: [reserved.name], deletionPolicy: "ABANDON" },
            { parent: this },
        );
        this.registerOutputs({ network: this.network.id, subnetwork: this.subnetwork.id });
    }
}
