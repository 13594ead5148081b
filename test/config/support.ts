/** What the config tests share: parsing an edited copy of a committed stack that must be refused. */
import * as assert from "assert";
import { parseStackConfig, StackConfigError } from "../../config";
import { COMMITTED_STACKS, edited } from "../support/stacks";

/** Parses an edited copy of a committed stack and returns the refusal's one line; fails if it is accepted. */
export function refusal(stack: string, edit: (values: Record<string, any>) => void): string {
    try {
        parseStackConfig(edited(stack, edit), { stack, knownStacks: COMMITTED_STACKS });
    } catch (error) {
        assert.ok(error instanceof StackConfigError, `expected a StackConfigError, got ${String(error)}`);
        return error.message;
    }
    assert.fail("the edited config was accepted");
}
