import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promotionPairs } from "../../../components/pipeline/steps";
import { unescapeFromCloudBuild } from "../../../components/pipeline/steps/shell";
import { allTriggers, stepIds, stepOf } from "./support";

describe("preview trigger: the parity report of each promotion step", () => {
    it("pairs each stack with the next one in promotion order", () => {
        assert.deepStrictEqual(promotionPairs(["stage", "demo", "prod"]), [["stage", "demo"], ["demo", "prod"]]);
        assert.deepStrictEqual(promotionPairs(["stage"]), []);
    });

    it("runs after the tests (which install the packages) and before any preview", async () => {
        const { preview } = await allTriggers();
        const ids = stepIds(preview);
        assert.ok(ids.indexOf("test") < ids.indexOf("parity"), ids.join(", "));
        assert.ok(ids.indexOf("parity") < ids.findIndex((id) => id.startsWith("preview-")), ids.join(", "));
        assert.strictEqual(stepOf(preview, "parity").waitFors, undefined, "waits for every earlier step");
    });

    describe("its script, run by bash with a fake npm on PATH", () => {
        let dir: string;
        before(async () => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-parity-step-"));
            const { preview } = await allTriggers();
            fs.writeFileSync(path.join(dir, "step.sh"), unescapeFromCloudBuild(stepOf(preview, "parity").args[1]));
            // Records its arguments; fails for the pair named in $FAIL_PAIR, as npm run parity exits 1 on drift.
            fs.writeFileSync(path.join(dir, "npm"), '#!/bin/bash\necho "$*" >> "$NPM_LOG"\n[[ -z "${FAIL_PAIR:-}" || "$*" != *"-- $FAIL_PAIR" ]]\n', { mode: 0o755 });
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        function runStep(failPair?: string): { status: number | null; calls: string[] } {
            const log = path.join(dir, `npm-${failPair ?? "none"}.log`);
            const env = { ...process.env, PATH: `${dir}:${process.env.PATH}`, NPM_LOG: log, ...(failPair ? { FAIL_PAIR: failPair } : {}) };
            const run = spawnSync("bash", [path.join(dir, "step.sh")], { env, encoding: "utf8" });
            return { status: run.status, calls: fs.readFileSync(log, "utf8").trim().split("\n") };
        }

        it("reports stage/demo and demo/prod, and passes when both pass", () => {
            assert.deepStrictEqual(runStep(), { status: 0, calls: ["run --silent parity -- stage demo", "run --silent parity -- demo prod"] });
        });

        it("still reports demo/prod after stage/demo fails, then fails the step", () => {
            assert.deepStrictEqual(runStep("stage demo"), { status: 1, calls: ["run --silent parity -- stage demo", "run --silent parity -- demo prod"] });
            assert.strictEqual(runStep("demo prod").status, 1);
        });
    });
});
