/** A stack's VPC: the egress subnet of its Cloud Run services and the Private Service Access range of its database. */
export { isPrivateRange, networkAddress, overlaps, parseCidr, type Cidr } from "./cidr";
export { networkNames, SERVICE_NETWORKING } from "./names";
export { PrivateNetwork, type PrivateNetworkArgs } from "./privateNetwork";
