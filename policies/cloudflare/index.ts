/** Cloudflare DNS records: what Cloudflare itself insists on for proxied records. */
import { enforceAutomaticTtl } from "./dnsrecord/enforceAutomaticTtl";
export { DNS_RECORDS } from "./support";

export { enforceAutomaticTtl };

/** Every Cloudflare policy, in the order the pack reports them. */
export const cloudflarePolicies = [enforceAutomaticTtl];
