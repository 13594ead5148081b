/**
 * Deploy windows: whether digests may enter a stack at a given instant (`bilko:promotion.windows`), and if not, which
 * rule says no and when the next window opens. Windows and freezes are wall-clock times in the stack's time zone
 * (Node's Intl carries the tz database), so a window keeps its local hours across daylight-saving changes; a window
 * starting in the hour a spring change skips opens when the clock reaches a time after it. Rollbacks never ask.
 */
import { KEYS, WEEKDAYS, type AllowRule, type WindowsConfig } from "../config";

export type WindowVerdict = { open: true } | { open: false; reason: string; nextOpen?: Date };

/** The wall clock of an instant in a time zone. */
export interface LocalTime {
    /** `YYYY-MM-DD`. */
    date: string;
    /** Monday 0 .. Sunday 6. */
    weekday: number;
    /** Minutes after local midnight. */
    minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(instant: Date, timeZone: string): LocalTime {
    let format = formatters.get(timeZone);
    if (!format) {
        format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
        formatters.set(timeZone, format);
    }
    const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
    return {
        date: `${parts.year}-${parts.month}-${parts.day}`,
        weekday: WEEKDAYS.indexOf(parts.weekday as (typeof WEEKDAYS)[number]),
        minutes: Number(parts.hour) * 60 + Number(parts.minute),
    };
}

/** `Mon 2026-11-30 08:00 Europe/Oslo`. */
export function describeLocal(instant: Date, timeZone: string): string {
    const local = localTime(instant, timeZone);
    return `${WEEKDAYS[local.weekday]} ${local.date} ${clock(local.minutes)} ${timeZone}`;
}

function clock(minutes: number): string {
    return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function inAllowed(local: LocalTime, allow: readonly AllowRule[] | undefined): boolean {
    return allow === undefined || allow.some((rule) => rule.days.includes(local.weekday) && local.minutes >= rule.start && local.minutes < rule.end);
}

function freezeAt(local: LocalTime, windows: WindowsConfig): number {
    return windows.freeze.findIndex((freeze) => freeze.from <= local.date && local.date <= freeze.to);
}

/** Whether `instant` lies in an allowed window and outside every freeze. */
export function isOpen(windows: WindowsConfig, instant: Date): boolean {
    const local = localTime(instant, windows.timeZone);
    return inAllowed(local, windows.allow) && freezeAt(local, windows) === -1;
}

const MINUTE = 60_000;
/** How far ahead the next window is looked for: past any sensible freeze. */
const HORIZON_DAYS = 400;

/**
 * The first instant from `now` on (to the minute) at which the stack is open. Candidates are each day's window
 * starts (midnight when any time is allowed), each placed on the UTC timeline through the zone's offsets.
 */
export function nextOpening(windows: WindowsConfig, now: Date): Date | undefined {
    const start = new Date(Math.ceil(now.getTime() / MINUTE) * MINUTE);
    if (isOpen(windows, start)) {
        return start;
    }
    const starts = windows.allow ? [...new Set(windows.allow.map((rule) => rule.start))] : [0];
    const today = localTime(start, windows.timeZone).date;
    for (let day = 0; day <= HORIZON_DAYS; day++) {
        const date = addDays(today, day);
        for (const minutes of starts.sort((a, b) => a - b)) {
            for (const candidate of zonedInstants(date, minutes, windows.timeZone)) {
                if (candidate.getTime() >= start.getTime() && isOpen(windows, candidate)) {
                    return candidate;
                }
            }
        }
    }
    return undefined;
}

/** Whether digests may enter the stack now; if not, one line naming the rule and when it opens next. */
export function windowVerdict(stack: string, windows: WindowsConfig | undefined, now: Date): WindowVerdict {
    if (!windows) {
        return { open: true };
    }
    const local = localTime(now, windows.timeZone);
    const frozen = freezeAt(local, windows);
    const allowed = inAllowed(local, windows.allow);
    if (frozen === -1 && allowed) {
        return { open: true };
    }
    const key = `${KEYS.promotion}.windows`;
    const what =
        frozen !== -1
            ? `${stack} is frozen from ${windows.freeze[frozen].from} to ${windows.freeze[frozen].to} (${windows.timeZone}): ${windows.freeze[frozen].reason} (${key}.freeze[${frozen}])`
            : `${stack} takes promotions only in ${windows.allow!.map((rule) => rule.text).join(", ")} ${windows.timeZone} (${key}.allow); it is ${describeLocal(now, windows.timeZone)}`;
    const nextOpen = nextOpening(windows, now);
    return { open: false, reason: `${what}; ${nextOpen ? `the next window opens ${describeLocal(nextOpen, windows.timeZone)}` : `no window opens in the next ${HORIZON_DAYS} days`}`, nextOpen };
}

function addDays(date: string, days: number): string {
    const [year, month, day] = date.split("-").map(Number);
    return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The instants at which the zone's clocks show `date` at `minutes`, earliest first: with the offset in force the day
 * before and the day after, so both sides of a daylight-saving change are tried. An autumn hour that occurs twice
 * gives both; a spring hour that never occurs gives the instant the clocks jump past it, which shows a later time.
 */
function zonedInstants(date: string, minutes: number, timeZone: string): Date[] {
    const [year, month, day] = date.split("-").map(Number);
    const wall = Date.UTC(year, month - 1, day, 0, minutes);
    const instants = [wall - offsetMs(new Date(wall - DAY), timeZone), wall - offsetMs(new Date(wall + DAY), timeZone)];
    return [...new Set(instants)].sort((a, b) => a - b).map((instant) => new Date(instant));
}

const DAY = 24 * 60 * MINUTE;

/** How far the zone's wall clock is ahead of UTC at `instant`. */
function offsetMs(instant: Date, timeZone: string): number {
    const local = localTime(instant, timeZone);
    const [year, month, day] = local.date.split("-").map(Number);
    const wall = Date.UTC(year, month - 1, day, 0, local.minutes);
    return wall - Math.floor(instant.getTime() / MINUTE) * MINUTE;
}
