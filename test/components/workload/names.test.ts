import * as assert from "assert";
import { workloadName } from "../../../components/workload";

describe("workload names", () => {
    it("suffixes Cloud Run services outside prod only", () => {
        assert.strictEqual(workloadName("bilko", "prod", "api"), "bilko-api");
        assert.strictEqual(workloadName("bilko", "stage", "api"), "bilko-api-stage");
        assert.strictEqual(workloadName("bilko", "demo", "web"), "bilko-web-demo");
    });
});
