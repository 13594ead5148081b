/** `bilko:network`: private ranges that do not overlap, each large enough for what uses it. */
import { isPrivateRange, overlaps, parseCidr } from "../../components/network/cidr";
import type { StackConfig } from "../types";
import type { Problem } from "./problem";

/** Direct VPC egress takes addresses for instances as they scale: Cloud Run asks for at least a /26. */
const MAX_EGRESS_PREFIX = 26;
/** Private Service Access needs at least a /24 for Cloud SQL to allocate from. */
const MAX_SERVICE_PREFIX = 24;

export function networkProblem(config: StackConfig): Problem | undefined {
    if (!config.postgres.publicIp && !config.network) {
        return {
            key: "bilko:network",
            reason: "missing required key: bilko:postgres.publicIp is false, so the database gets a private IP in this stack's VPC; declare it (name, egressSubnet, serviceRange)",
        };
    }
    if (!config.network) {
        return undefined;
    }
    const egress = parseCidr(config.network.egressSubnet)!;
    const service = parseCidr(config.network.serviceRange)!;
    for (const [key, range] of [["egressSubnet", egress], ["serviceRange", service]] as const) {
        if (!isPrivateRange(range)) {
            return { key: `bilko:network.${key}`, reason: `expected a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16), got "${config.network[key]}"` };
        }
    }
    if (egress.prefix > MAX_EGRESS_PREFIX) {
        return { key: "bilko:network.egressSubnet", reason: `Direct VPC egress needs at least a /${MAX_EGRESS_PREFIX}, got "${config.network.egressSubnet}"` };
    }
    if (service.prefix > MAX_SERVICE_PREFIX) {
        return { key: "bilko:network.serviceRange", reason: `Private Service Access needs at least a /${MAX_SERVICE_PREFIX}, got "${config.network.serviceRange}"` };
    }
    if (overlaps(egress, service)) {
        return { key: "bilko:network.serviceRange", reason: `overlaps egressSubnet "${config.network.egressSubnet}"; the peered services' range must be separate` };
    }
    return undefined;
}
