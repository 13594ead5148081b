/** `adopt` keys: only what the stack declares can be adopted by it. */
import { serviceKey } from "../keys";
import type { StackConfig } from "../types";
import type { Problem } from "./problem";

export function adoptionProblem(config: StackConfig): Problem | undefined {
    if (config.registry.adopt && !config.sharedResources) {
        return { key: "bilko:registry.adopt", reason: "the registry is declared by the stack with bilko:sharedResources: true; adopt it there" };
    }
    const nothingToAdopt = Object.entries(config.services).find(([, service]) => service.adopt.secrets && Object.keys(service.secrets).length === 0);
    if (nothingToAdopt) {
        return { key: serviceKey(nothingToAdopt[0], "adopt.secrets"), reason: "the service lists no secrets (bilko:services.<name>.secrets) to adopt" };
    }
    return undefined;
}
