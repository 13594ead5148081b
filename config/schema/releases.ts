/** `bilko:releases`: the audit trail `npm run promote` and `npm run rollback` write. */
import { z } from "zod";
import { show } from "../../common/text";
import { digest, nonEmpty, serviceKey, yamlSafeText } from "./values";

export const RELEASE_KINDS = ["promote", "rollback", "force"] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

export const releaseSchema = z.strictObject({
    service: serviceKey,
    digest,
    from: yamlSafeText,
    at: z.iso.datetime({ error: (issue) => `expected a UTC ISO time such as "2026-11-21T10:00:00Z", got ${show(issue.input)}` }),
    by: nonEmpty.pipe(yamlSafeText),
    kind: z.enum(RELEASE_KINDS),
    reason: yamlSafeText.optional(),
    /** Set by `promote --finish`: the candidate revision of this digest takes all traffic. */
    finished: z.boolean().optional(),
});

export type Release = z.output<typeof releaseSchema>;
