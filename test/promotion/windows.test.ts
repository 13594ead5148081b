import * as assert from "assert";
import { parseAllowRule, parseStackConfig, StackConfigError, type WindowsConfig } from "../../config";
import { isOpen, nextOpening, windowVerdict } from "../../promotion/windows";
import { COMMITTED_STACKS, committedValues, edited } from "../support/stacks";

const rule = (text: string) => {
    const parsed = parseAllowRule(text);
    assert.ok(typeof parsed !== "string", parsed as string);
    return parsed;
};
/** The example, as Pulumi.prod.yaml has it. */
const PROD: WindowsConfig = { timeZone: "Europe/Oslo", allow: [rule("Mon-Thu 08:00-15:00")], freeze: [{ from: "2026-12-18", to: "2027-01-04", reason: "year-end close" }] };
/** Oslo is UTC+1 in winter (CET), UTC+2 in summer (CEST). */
const at = (iso: string) => new Date(iso);

describe("deploy windows (bilko:promotion.windows)", () => {
    it("Pulumi.prod.yaml carries the issue's windows word for word", () => {
        assert.deepStrictEqual(committedValues("prod")["bilko:promotion"].windows, {
            timeZone: "Europe/Oslo",
            allow: ["Mon-Thu 08:00-15:00"],
            freeze: [{ from: "2026-12-18", to: "2027-01-04", reason: "year-end close" }],
        });
    });

    it("open from the window's first minute in local time, closed from its end minute", () => {
        assert.strictEqual(isOpen(PROD, at("2026-12-03T06:59:00Z")), false, "Thu 07:59 Oslo");
        assert.strictEqual(isOpen(PROD, at("2026-12-03T07:00:00Z")), true, "Thu 08:00 Oslo");
        assert.strictEqual(isOpen(PROD, at("2026-12-03T13:59:00Z")), true, "Thu 14:59 Oslo");
        assert.strictEqual(isOpen(PROD, at("2026-12-03T14:00:00Z")), false, "Thu 15:00 Oslo");
        assert.strictEqual(isOpen(PROD, at("2026-12-04T09:00:00Z")), false, "Fri 10:00 Oslo");
    });

    it("outside the window: names it, the local time, and when the next one opens (after the weekend)", () => {
        assert.deepStrictEqual(windowVerdict("prod", PROD, at("2026-12-04T09:00:00Z")), {
            open: false,
            reason: "prod takes promotions only in Mon-Thu 08:00-15:00 Europe/Oslo (bilko:promotion.windows.allow); it is Fri 2026-12-04 10:00 Europe/Oslo; the next window opens Mon 2026-12-07 08:00 Europe/Oslo",
            nextOpen: at("2026-12-07T07:00:00Z"),
        });
    });

    it("a freeze holds from the first minute of its first day to the last minute of its last day, in local time", () => {
        assert.strictEqual(isOpen(PROD, at("2026-12-17T13:59:00Z")), true, "Thu 17 Dec 14:59 Oslo: the day before");
        assert.strictEqual(isOpen(PROD, at("2026-12-17T23:00:00Z")), false, "Fri 18 Dec 00:00 Oslo");
        assert.strictEqual(isOpen(PROD, at("2027-01-04T13:00:00Z")), false, "Mon 4 Jan 14:00 Oslo: its last day");
        assert.strictEqual(isOpen(PROD, at("2027-01-05T07:00:00Z")), true, "Tue 5 Jan 08:00 Oslo");
    });

    it("inside a freeze: names it and its reason, and the first window after it", () => {
        const verdict = windowVerdict("prod", PROD, at("2026-12-21T09:00:00Z"));
        assert.strictEqual(
            verdict.open ? "open" : verdict.reason,
            "prod is frozen from 2026-12-18 to 2027-01-04 (Europe/Oslo): year-end close (bilko:promotion.windows.freeze[0]); the next window opens Tue 2027-01-05 08:00 Europe/Oslo",
        );
    });

    it("keeps local hours across daylight saving: 08:00 Oslo is 07:00 UTC in winter and 06:00 UTC in summer", () => {
        // Europe's clocks go forward on 2027-03-28 and back on 2027-10-31.
        assert.deepStrictEqual(nextOpening(PROD, at("2027-03-26T15:00:00Z")), at("2027-03-29T06:00:00Z"), "Fri before -> Mon after the spring change");
        assert.deepStrictEqual(nextOpening(PROD, at("2027-10-29T15:00:00Z")), at("2027-11-01T07:00:00Z"), "Fri before -> Mon after the autumn change");
    });

    it("a window starting in the hour the spring change skips opens when the clocks jump; in the doubled autumn hour, at the first of the two", () => {
        const night: WindowsConfig = { timeZone: "Europe/Oslo", allow: [rule("Sun 02:00-04:00")], freeze: [] };
        // 2027-03-28: 02:00 Oslo never happens (01:00 UTC is 03:00 CEST); 2027-10-31: 02:00 happens at 00:00 and 01:00 UTC.
        assert.deepStrictEqual(nextOpening(night, at("2027-03-27T12:00:00Z")), at("2027-03-28T01:00:00Z"));
        assert.deepStrictEqual(nextOpening(night, at("2027-10-30T12:00:00Z")), at("2027-10-31T00:00:00Z"));
        assert.strictEqual(isOpen(night, at("2027-10-31T01:30:00Z")), true, "the second 02:30 is inside the window too");
        assert.strictEqual(isOpen(night, at("2027-10-31T03:00:00Z")), false, "04:00 CET");
    });

    it("without allowed windows only freezes hold; without windows nothing does", () => {
        const freezeOnly: WindowsConfig = { timeZone: "Europe/Oslo", freeze: PROD.freeze };
        assert.strictEqual(isOpen(freezeOnly, at("2026-12-05T23:00:00Z")), true, "Sun 00:00");
        assert.deepStrictEqual(nextOpening(freezeOnly, at("2026-12-20T10:00:00Z")), at("2027-01-04T23:00:00Z"), "Tue 5 Jan 00:00 Oslo");
        assert.deepStrictEqual(windowVerdict("prod", undefined, at("2026-12-20T10:00:00Z")), { open: true });
    });
});

describe("deploy windows: the schema refuses malformed windows", () => {
    const refusal = (windows: unknown) => {
        try {
            parseStackConfig(
                edited("prod", (values) => (values["bilko:promotion"].windows = windows)),
                { stack: "prod", knownStacks: COMMITTED_STACKS },
            );
        } catch (error) {
            assert.ok(error instanceof StackConfigError, String(error));
            return error.message;
        }
        return "accepted";
    };
    const valid = { timeZone: "Europe/Oslo", allow: ["Mon-Thu 08:00-15:00"], freeze: [{ from: "2026-12-18", to: "2027-01-04", reason: "year-end close" }] };
    const cases: Array<[string, unknown, string]> = [
        ["hours without minutes", { ...valid, allow: ["Mon-Thu 8-15"] }, `bilko:promotion.windows.allow[0]: expected "<days> HH:MM-HH:MM" such as "Mon-Thu 08:00-15:00", got "Mon-Thu 8-15"`],
        ["an unknown day", { ...valid, allow: ["Mon-Thr 08:00-15:00"] }, `bilko:promotion.windows.allow[0]: unknown day in "Mon-Thr" (days: Mon, Tue, Wed, Thu, Fri, Sat, Sun)`],
        ["days running backwards", { ...valid, allow: ["Fri-Mon 08:00-15:00"] }, `bilko:promotion.windows.allow[0]: days run Mon, Tue, Wed, Thu, Fri, Sat, Sun: write "Fri-Mon" as two ranges (e.g. "Sat-Sun,Mon")`],
        ["a window across midnight", { ...valid, allow: ["Mon 22:00-02:00"] }, `bilko:promotion.windows.allow[0]: the window must end after it starts on the same day (split one across midnight in two), got "Mon 22:00-02:00"`],
        ["25 o'clock", { ...valid, allow: ["Mon 08:00-25:00"] }, `bilko:promotion.windows.allow[0]: times run from 00:00 to 24:00, got "Mon 08:00-25:00"`],
        ["no window at all", { ...valid, allow: [] }, "bilko:promotion.windows.allow: expected at least 1 item(s)"],
        ["an unknown time zone", { ...valid, timeZone: "Europe/Olso" }, `bilko:promotion.windows.timeZone: expected an IANA time zone such as "Europe/Oslo", got "Europe/Olso"`],
        ["a date that does not exist", { ...valid, freeze: [{ from: "2026-02-30", to: "2026-03-02", reason: "x" }] }, `bilko:promotion.windows.freeze[0].from: expected a date "YYYY-MM-DD", got "2026-02-30"`],
        ["a freeze ending before it starts", { ...valid, freeze: [{ from: "2027-01-04", to: "2026-12-18", reason: "x" }] }, `bilko:promotion.windows.freeze[0].to: "to" is before "from" in {"from":"2027-01-04","to":"2026-12-18","reason":"x"}`],
        ["a freeze without a reason", { ...valid, freeze: [{ from: "2026-12-18", to: "2027-01-04" }] }, "bilko:promotion.windows.freeze[0].reason: missing required key"],
        ["a misspelt key", { ...valid, freezes: [] }, `bilko:promotion.windows.freezes: unknown key (did you mean "freeze"?)`],
    ];
    for (const [what, windows, message] of cases) {
        it(what, () => assert.strictEqual(refusal(windows), `Pulumi.prod.yaml: ${message}`));
    }
    it("accepts the issue's example and several day lists", () => {
        assert.strictEqual(refusal({ ...valid, allow: ["Mon-Thu 08:00-15:00", "Fri 08:00-11:30", "Sat,Sun 10:00-24:00"] }), "accepted");
    });
});
