/**
 * `bilko:promotion`: how long the upstream must have run a digest (`minBakeMinutes`) and when digests may enter the
 * stack (`windows`): allowed weekly windows and dated freezes, in one IANA time zone. promotion/windows.ts decides
 * from these; rollbacks are never held back by them.
 */
import { z } from "zod";
import { show } from "../../common/text";
import { nonEmpty, yamlSafeText } from "./values";

/** Days in the order `Mon-Thu` counts them; the index is the weekday (Monday 0). */
export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** One allowed window, as written (`Mon-Thu 08:00-15:00`) and as read: weekdays (Monday 0), minutes after midnight. */
export interface AllowRule {
    text: string;
    days: number[];
    start: number;
    end: number;
}

const RULE = /^([A-Za-z]{3}(?:-[A-Za-z]{3})?(?:,[A-Za-z]{3}(?:-[A-Za-z]{3})?)*) ([0-2]\d):([0-5]\d)-([0-2]\d):([0-5]\d)$/;

/** `Mon-Thu 08:00-15:00`, `Mon,Wed 09:30-12:00`, `Sat 00:00-24:00`; the end is after the start on the same day. */
export function parseAllowRule(text: string): AllowRule | string {
    const match = RULE.exec(text);
    if (!match) {
        return `expected "<days> HH:MM-HH:MM" such as "Mon-Thu 08:00-15:00", got ${show(text)}`;
    }
    const [, dayText, startHour, startMinute, endHour, endMinute] = match;
    const days = new Set<number>();
    for (const part of dayText.split(",")) {
        const [first, last = first] = part.split("-").map((day) => WEEKDAYS.findIndex((name) => name.toLowerCase() === day.toLowerCase()));
        if (first === -1 || last === -1) {
            return `unknown day in ${show(part)} (days: ${WEEKDAYS.join(", ")})`;
        }
        if (last < first) {
            return `days run ${WEEKDAYS.join(", ")}: write ${show(part)} as two ranges (e.g. "Sat-Sun,Mon")`;
        }
        for (let day = first; day <= last; day++) {
            days.add(day);
        }
    }
    const start = Number(startHour) * 60 + Number(startMinute);
    const end = Number(endHour) * 60 + Number(endMinute);
    if (start >= 24 * 60 || end > 24 * 60) {
        return `times run from 00:00 to 24:00, got ${show(text)}`;
    }
    if (end <= start) {
        return `the window must end after it starts on the same day (split one across midnight in two), got ${show(text)}`;
    }
    return { text, days: [...days].sort(), start, end };
}

/** A time zone the tz database knows, as Node's Intl does. */
function knownTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists. */
const calendarDate = z.string().refine(
    (text) => {
        const match = DATE.exec(text);
        if (!match) {
            return false;
        }
        const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
        return date.toISOString().slice(0, 10) === text;
    },
    { error: (issue) => `expected a date "YYYY-MM-DD", got ${show(issue.input)}` },
);

const allowRule = z.string().transform((text, context) => {
    const rule = parseAllowRule(text);
    if (typeof rule === "string") {
        context.addIssue({ code: "custom", message: rule, input: text });
        return z.NEVER;
    }
    return rule;
});

export const freezeSchema = z
    .strictObject({
        /** First frozen day, in the time zone. */
        from: calendarDate,
        /** Last frozen day (included). */
        to: calendarDate,
        /** Why: shown to whoever is refused. */
        reason: nonEmpty.pipe(yamlSafeText),
    })
    .refine((freeze) => freeze.from <= freeze.to, { error: (issue) => `"to" is before "from" in ${show(issue.input)}`, path: ["to"] });

export const windowsSchema = z.strictObject({
    /** IANA time zone the windows and freezes are read in, e.g. `Europe/Oslo`. */
    timeZone: z.string().refine(knownTimeZone, { error: (issue) => `expected an IANA time zone such as "Europe/Oslo", got ${show(issue.input)}` }),
    /** Weekly windows promotions may land in; absent: any time outside a freeze. */
    allow: z.array(allowRule).min(1).optional(),
    /** Dated periods (both days included) nothing is promoted into the stack. */
    freeze: z.array(freezeSchema).default([]),
});

export const promotionSchema = z
    .strictObject({
        minBakeMinutes: z.number().int().min(0).max(10080).default(0),
        windows: windowsSchema.optional(),
    })
    .default({ minBakeMinutes: 0 });

export type WindowsConfig = z.output<typeof windowsSchema>;
export type FreezeConfig = z.output<typeof freezeSchema>;
export type PromotionConfig = z.output<typeof promotionSchema>;
