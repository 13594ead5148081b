/** The board's decisions from data alone: since when a digest runs, and the program guard. */
import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { board, deployedAt, type StackInput } from "../../status";
import { COMMITTED_STACKS, edited } from "../support/stacks";
import { digestOf } from "../support/digests";

const config = (stack: string) => parseStackConfig(edited(stack, () => undefined), { stack, knownStacks: COMMITTED_STACKS });
const update = (version: number, endTime: string, web: string, result = "succeeded") => ({ version, kind: "update", result, endTime, config: { "bilko:services": JSON.stringify({ web: { digest: web } }) } });

describe("status board", () => {
    it("a digest runs since the first update of the newest run of successful updates that deployed it", () => {
        const history = [
            update(4, "2026-12-03T08:00:00Z", digestOf("a")),
            update(5, "2026-12-03T09:00:00Z", digestOf("a"), "failed"),
            update(3, "2026-12-02T08:00:00Z", digestOf("a")),
            update(2, "2026-12-01T08:00:00Z", digestOf("b")),
            update(1, "2026-11-30T08:00:00Z", digestOf("a")),
        ];
        assert.strictEqual(deployedAt(history, "web", digestOf("a")), "2026-12-02T08:00:00Z", "not the older run before b, not the failed update");
        assert.strictEqual(deployedAt(history, "web", digestOf("b")), undefined, "b no longer runs");
        assert.strictEqual(deployedAt([{ ...update(1, "2026-12-01T08:00:00Z", digestOf("a")), config: { "bilko:services": { web: { digest: digestOf("a") } } } }], "web", digestOf("a")), "2026-12-01T08:00:00Z", "config as an object too");
    });

    it("the program guard holds a promotion when the upstream never deployed this checkout's program", () => {
        const web = digestOf("c");
        const stack = (name: string, outputs: Record<string, unknown>): StackInput => ({ config: config(name), outputs, history: [update(1, "2026-12-01T08:00:00Z", web)] });
        const result = board({
            stacks: [
                stack("stage", { services: { web: { digest: web } }, releasedDigests: { web: [web] }, program: { hash: digestOf("1"), deployed: [digestOf("1")] } }),
                stack("demo", { services: { web: { digest: digestOf("d") } } }),
            ],
            commits: {},
            programHash: digestOf("2"),
            now: new Date("2026-12-03T09:00:00Z"),
        });
        assert.deepStrictEqual(result.cells.web.stage.blockers, [{ guard: "program", reason: "stage has not deployed this checkout's program" }]);
        assert.strictEqual(result.cells.web.stage.promotion, "held");
        assert.strictEqual(result.cells.web.stage.bakedMinutes, 2 * 1440 + 60);
    });
});
