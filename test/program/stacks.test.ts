import * as assert from "assert";
import { COMMITTED_STACKS, plannedStack } from "../support/stacks";

describe("committed stacks", () => {
    it("are stage, demo and prod, in promotion order", () => {
        assert.deepStrictEqual(COMMITTED_STACKS, ["stage", "demo", "prod"]);
    });

    for (const stack of ["stage", "demo", "prod"]) {
        it(`${stack} plans with its own environment`, async () => {
            const plan = await plannedStack(stack);
            assert.strictEqual(plan.outputs.environment, stack);
        });
    }
});
