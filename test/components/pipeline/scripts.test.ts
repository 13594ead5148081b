/** Every step script the pipeline generates parses (`bash -n` / `sh -n`) and stops at its first failure. shellcheck runs in `npm run verify`. */
import * as assert from "assert";
import { spawnSync } from "child_process";
import { writtenScripts, type Script } from "./scripts";

describe("generated step scripts", () => {
    let scripts: Script[];
    let cleanup: () => void;

    before(async () => ({ scripts, cleanup } = await writtenScripts()));
    after(() => cleanup());

    it("cover every step of every trigger, in both dialects", () => {
        assert.ok(scripts.length >= 40, `only ${scripts.length} scripts`);
        assert.deepStrictEqual([...new Set(scripts.map((script) => script.shell))].sort(), ["bash", "sh"]);
    });

    it("all parse: bash -n, or sh -n for the Trivy image's POSIX sh", () => {
        const failures = scripts.flatMap((script) => {
            const run = spawnSync(script.shell, ["-n", script.file], { encoding: "utf8" });
            return run.status === 0 ? [] : [`${script.name}: ${run.stderr.trim()}`];
        });
        assert.deepStrictEqual(failures, []);
    });

    it("all stop at the first failing command", () => {
        for (const script of scripts) {
            assert.strictEqual(script.text.split("\n")[0], script.shell === "bash" ? "set -euo pipefail" : "set -eu", script.name);
        }
    });
});
