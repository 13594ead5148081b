/** `bilko:upstream`: where a stack promotes from. */
import { show } from "../../common/text";
import type { StackConfig } from "../types";
import type { Problem } from "./problem";

export function upstreamProblem(config: StackConfig, knownStacks: readonly string[]): Problem | undefined {
    const key = "bilko:upstream";
    const upstream = config.upstream;
    if (upstream === undefined) {
        return config.environment === "stage"
            ? undefined
            : { key, reason: `missing required key: a ${config.environment} stack promotes from an upstream stack (e.g. "${config.environment === "prod" ? "demo" : "stage"}")` };
    }
    if (config.environment === "stage") {
        return { key, reason: `stage is where images enter; it has no upstream, got ${show(upstream)}` };
    }
    if (upstream === config.stack) {
        return { key, reason: `"${upstream}" is this stack itself; name the stack this one promotes from` };
    }
    if (!knownStacks.includes(upstream)) {
        const known = knownStacks.filter((stack) => stack !== config.stack).join(", ");
        return { key, reason: `unknown stack ${show(upstream)} (known: ${known})` };
    }
    return undefined;
}
