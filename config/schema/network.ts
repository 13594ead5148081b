/** `bilko:network`: the VPC a stack declares for a private database and the services that reach it. */
import { z } from "zod";
import { parseCidr } from "../../components/network/cidr";
import { show } from "../../common/text";
import { gcpName } from "./values";

const cidr = z.string().refine((text) => parseCidr(text) !== undefined, {
    error: (issue) => `expected an IPv4 range such as "10.8.0.0/24" (its address the range's first), got ${show(issue.input)}`,
});

export const networkSchema = z.strictObject({
    /** The VPC's name; its subnet and reserved range are named after it. */
    name: gcpName,
    /** The subnet in gcp:region that Cloud Run services and jobs send their traffic into (Direct VPC egress). */
    egressSubnet: cidr,
    /** The range reserved for Private Service Access: Cloud SQL's private IP comes from it. */
    serviceRange: cidr,
});

export type NetworkConfig = z.output<typeof networkSchema>;
