import * as assert from "assert";
import { closest } from "../../common/suggest";

describe("suggestions", () => {
    it("finds the closest key for a typo and nothing for an unrelated word", () => {
        assert.strictEqual(closest("helthPath", ["healthPath", "hostname"]), "healthPath");
        assert.strictEqual(closest("colour", ["tier", "edition"]), undefined);
    });
});
