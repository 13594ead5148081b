/**
 * `bilko:edge`: how the stack's hostnames reach its services. `domain-mapping`: a Cloud Run domain mapping per
 * hostname (no WAF, `run.app` stays open). `load-balancer`: a global external Application Load Balancer with Cloud
 * Armor on every backend, and Cloud Run ingress closed to everything but it.
 */
import { z } from "zod";
import { show } from "../../common/text";
import { serviceKey } from "./values";

export const EDGE_MODES = ["domain-mapping", "load-balancer"] as const;

/** `preview`: Armor logs what it would block; `enforce`: it blocks. */
export const ARMOR_MODES = ["preview", "enforce"] as const;

/** The intervals Cloud Armor accepts for a rate limit threshold (`rateLimitThreshold.intervalSec`). */
export const RATE_LIMIT_INTERVALS = [10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600] as const;

/** What Armor's rule can quote and compare as it is: no quotes, escapes or percent signs. */
const path = z.string().regex(/^\/[A-Za-z0-9._~/-]*$/, { error: (issue) => `expected a URL path of letters, digits, ".", "_", "~", "-" and "/", starting with "/", got ${show(issue.input)}` });

export const rateLimitSchema = z.strictObject({
    /** Requests whose path starts with this (compared in lower case) count against the limit. */
    path,
    /** Requests one client (source IP) may send to the path per interval; the rest get 429. */
    requests: z.number().int().min(1).max(1_000_000),
    /** The interval, in seconds. */
    intervalSeconds: z.union(RATE_LIMIT_INTERVALS.map((seconds) => z.literal(seconds)), {
        error: (issue) => `expected one of Cloud Armor's intervals (${RATE_LIMIT_INTERVALS.join(", ")} seconds), got ${show(issue.input)}`,
    }),
});

export const armorSchema = z.strictObject({
    mode: z.enum(ARMOR_MODES),
    /** Per service, the paths rate-limited per client (login endpoints first). */
    rateLimits: z.record(serviceKey, z.array(rateLimitSchema)).default({}),
});

export const edgeSchema = z
    .strictObject({
        mode: z.enum(EDGE_MODES).default("domain-mapping"),
        /** Cloud Armor on every backend of the load balancer; required in `load-balancer` mode. */
        armor: armorSchema.optional(),
    })
    .default({ mode: "domain-mapping" });

export type EdgeConfig = z.output<typeof edgeSchema>;
