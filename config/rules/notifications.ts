/** `bilko:notifications`: only where the pipeline is, and its drift schedule in a time zone that exists. */
import { show } from "../../common/text";
import type { StackConfig } from "../types";
import type { Problem } from "./problem";

export function notificationsProblem(config: StackConfig): Problem | undefined {
    if (!config.notifications) {
        return undefined;
    }
    if (!config.pipeline) {
        return { key: "bilko:notifications", reason: "notifications go with the delivery pipeline (bilko:pipeline, in the stack with bilko:sharedResources: true); remove them here" };
    }
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: config.notifications.drift.timeZone });
    } catch {
        return { key: "bilko:notifications.drift.timeZone", reason: `expected an IANA time zone such as "Europe/Oslo", got ${show(config.notifications.drift.timeZone)}` };
    }
    return undefined;
}
