import * as assert from "assert";
import { ProgramRefusal } from "../../offline/asyncRefusal";
import { edited, evaluate } from "../support/stacks";

describe("evaluating a stack the program refuses asynchronously", () => {
    it("rejects with the guard's one line, restores stack traces, and frees the queue for the next stack", async () => {
        const limit = Error.stackTraceLimit;
        const neverRan = `sha256:${"e".repeat(64)}`;
        await assert.rejects(evaluate("demo", edited("demo", (v) => (v["bilko:services"].web.digest = neverRan))), (error: Error) => {
            assert.ok(error instanceof ProgramRefusal, String(error));
            assert.match(error.message, new RegExp(`^Pulumi\\.demo\\.yaml: bilko:services\\.web\\.digest: ${neverRan} never ran in stack "stage"`));
            return true;
        });
        assert.strictEqual(Error.stackTraceLimit, limit);
        const next = await evaluate("prod", edited("prod", () => undefined));
        assert.strictEqual(next.outputs.environment, "prod");
    });
});
