/** `bilko:smoke` and `bilko:smokePassed`: they name services of this stack, and logins of that service. */
import { show } from "../../common/text";
import { KEYS, serviceKey } from "../keys";
import type { StackConfig } from "../types";
import type { Problem } from "./problem";

export function smokeProblem(config: StackConfig): Problem | undefined {
    const services = Object.keys(config.services);
    for (const [name, smoke] of Object.entries(config.smoke)) {
        if (!services.includes(name)) {
            return { key: `${KEYS.smoke}.${name}`, reason: `unknown service "${name}" (services: ${services.join(", ")})` };
        }
        const index = smoke.checks.findIndex((check) => check.as !== undefined && !(check.as in smoke.logins));
        if (index !== -1) {
            const logins = Object.keys(smoke.logins);
            return { key: `${KEYS.smoke}.${name}.checks[${index}].as`, reason: `unknown login ${show(smoke.checks[index].as)} (logins: ${logins.length > 0 ? logins.join(", ") : "none"})` };
        }
    }
    for (const [name, digest] of Object.entries(config.smokePassed)) {
        if (config.services[name]?.digest !== digest) {
            return {
                key: `${KEYS.smokePassed}.${name}`,
                reason: `${digest} is not the digest ${serviceKey(name, "digest")} deploys; only the pipeline writes this key, for the digest it smoke-tested (never commit it)`,
            };
        }
    }
    return undefined;
}
