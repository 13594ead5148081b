/**
 * `npm run verify`: every generated step script passes shellcheck. shellcheck is not an npm package, so this runs
 * outside `npm test`; when it is missing the check fails, it never skips (`.ci/run` installs it from Debian;
 * locally `apt-get install shellcheck`).
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { migratorEntrypoint } from "../../../components/migrations";
import { writtenScripts, type Script } from "./scripts";

/** shellcheck's findings per file, from one run over all files of one dialect. */
function shellcheck(files: string[], shell: "bash" | "sh"): Map<string, string[]> {
    const run = spawnSync("shellcheck", ["--shell", shell, "--format", "gcc", ...files], { encoding: "utf8" });
    if (run.error) {
        assert.fail(`shellcheck could not run (${run.error.message}); install it: apt-get install shellcheck (.ci/run does)`);
    }
    const findings = new Map(files.map((file) => [file, [] as string[]]));
    for (const line of run.stdout.split("\n").filter(Boolean)) {
        const file = files.find((candidate) => line.startsWith(`${candidate}:`));
        findings.get(file ?? files[0])!.push(line);
    }
    assert.ok(run.status === 0 || [...findings.values()].some((lines) => lines.length > 0), `shellcheck failed without findings: ${run.stderr}`);
    return findings;
}

describe("generated step scripts under shellcheck", () => {
    let scripts: Script[];
    let cleanup: () => void;

    before(async () => ({ scripts, cleanup } = await writtenScripts()));
    after(() => cleanup());

    it("all pass shellcheck", () => {
        const findings = new Map<string, string[]>();
        for (const shell of ["bash", "sh"] as const) {
            shellcheck(scripts.filter((script) => script.shell === shell).map((script) => script.file), shell).forEach((lines, file) => findings.set(file, lines));
        }
        const failures = scripts.flatMap((script) => (findings.get(script.file) ?? []).map((line) => `${script.name}: ${line}`));
        assert.deepStrictEqual(failures, []);
    });

    it("the migrator image's entrypoint passes shellcheck as POSIX sh", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-entrypoint-"));
        try {
            const file = path.join(dir, "bilko-entrypoint.sh");
            fs.writeFileSync(file, migratorEntrypoint());
            assert.deepStrictEqual(shellcheck([file], "sh").get(file), []);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
