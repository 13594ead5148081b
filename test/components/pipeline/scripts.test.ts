/**
 * Every step script the pipeline generates parses (`bash -n` / `sh -n`) and passes shellcheck. shellcheck is a
 * test dependency like any other: when it is missing these tests fail, they do not skip (`.ci/run` and the preview
 * trigger install it from Debian; locally `apt-get install shellcheck`).
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { unescapeFromCloudBuild } from "../../../components/pipeline/steps/shell";
import { SHELL_OF } from "../../../components/pipeline/steps/step";
import { pipelineTriggers } from "../../../components/pipeline/triggers";
import { stageTriggers } from "./support";

interface Script {
    name: string;
    shell: "bash" | "sh";
    text: string;
}

/** The scripts of the committed stage stack's triggers, exactly as Cloud Build will hand them to the shell. */
async function plannedScripts(): Promise<Script[]> {
    return Object.values(await stageTriggers()).flatMap((trigger) =>
        trigger.build.steps.map((step: Record<string, any>) => ({ name: `${trigger.name}/${step.id}`, shell: step.entrypoint, text: unescapeFromCloudBuild(step.args[1]) })),
    );
}

/** The same generators with awkward values: paths and a backend that need quoting. */
function awkwardScripts(): Script[] {
    const specs = pipelineTriggers({
        app: "bilko",
        sharedStack: "stage",
        stacks: ["stage", "demo", "prod"],
        stateBackend: "gs://state bucket/with 'quotes'",
        images: [{ service: "web", repository: "europe-north1-docker.pkg.dev/p/bilko/web", context: "web app", dockerfile: "web app/Docker'file" }],
    });
    return specs.flatMap((spec) => spec.steps.map((step) => ({ name: `awkward ${spec.name}/${step.id}`, shell: SHELL_OF[step.builder], text: step.script })));
}

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

describe("generated step scripts", () => {
    let scripts: Script[];
    let findings: Map<string, string[]>;
    let files: Map<string, string>;
    let dir: string;

    before(async () => {
        scripts = [...(await plannedScripts()), ...awkwardScripts()];
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-steps-"));
        files = new Map(scripts.map((script, index) => [script.name, path.join(dir, `${index}.${script.shell}`)]));
        scripts.forEach((script) => fs.writeFileSync(files.get(script.name)!, script.text));
        findings = new Map();
        for (const shell of ["bash", "sh"] as const) {
            const ofShell = scripts.filter((script) => script.shell === shell).map((script) => files.get(script.name)!);
            shellcheck(ofShell, shell).forEach((lines, file) => findings.set(file, lines));
        }
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("cover every step of every trigger, in both dialects", () => {
        assert.ok(scripts.length >= 40, `only ${scripts.length} scripts`);
        assert.deepStrictEqual([...new Set(scripts.map((script) => script.shell))].sort(), ["bash", "sh"]);
    });

    it("all parse: bash -n, or sh -n for the Trivy image's POSIX sh", () => {
        const failures = scripts.flatMap((script) => {
            const run = spawnSync(script.shell, ["-n", files.get(script.name)!], { encoding: "utf8" });
            return run.status === 0 ? [] : [`${script.name}: ${run.stderr.trim()}`];
        });
        assert.deepStrictEqual(failures, []);
    });

    it("all pass shellcheck", () => {
        const failures = scripts.flatMap((script) => (findings.get(files.get(script.name)!) ?? []).map((line) => `${script.name}: ${line}`));
        assert.deepStrictEqual(failures, []);
    });

    it("all stop at the first failing command", () => {
        for (const script of scripts) {
            assert.strictEqual(script.text.split("\n")[0], script.shell === "bash" ? "set -euo pipefail" : "set -eu", script.name);
        }
    });
});
