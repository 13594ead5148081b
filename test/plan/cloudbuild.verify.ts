/**
 * `npm run verify`: every Cloud Build config `npm run plan -- <stack> --emit-cloudbuild` writes is accepted by gcloud's own
 * parser. `gcloud builds submit --no-source --config <file>` reads and validates the file locally before it asks for
 * credentials; with none (a fresh CLOUDSDK_CONFIG), it must stop at the credentials, never at the config. gcloud is
 * not an npm package: when it is missing this fails, it never skips (`.ci/run` checks for it).
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeCloudbuildFiles } from "../../plan/cloudbuildYaml";
import { plannedStack } from "../support/stacks";

const PARSE_ERROR = /interpreting .* as build config|Unable to parse|is not a valid|unused|Invalid value/;
const NO_CREDENTIALS = /You do not currently have an active account selected|gcloud auth login/;

function submit(file: string, configDir: string): { status: number | null; stderr: string } {
    const run = spawnSync("gcloud", ["builds", "submit", "--no-source", "--config", file, "--project", "p"], {
        encoding: "utf8",
        timeout: 120000,
        env: { ...process.env, CLOUDSDK_CONFIG: configDir, CLOUDSDK_CORE_DISABLE_PROMPTS: "1" },
    });
    if (run.error) {
        assert.fail(`gcloud could not run (${run.error.message}); install the Google Cloud CLI (.ci/run checks for it)`);
    }
    return { status: run.status, stderr: run.stderr };
}

describe("emitted Cloud Build configs under gcloud's parser", function () {
    this.timeout(300000);
    let dir: string;
    let configDir: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-cloudbuild-"));
        configDir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-gcloud-config-"));
    });
    after(() => [dir, configDir].forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

    it("rejects a config with a field Cloud Build does not know (so the check below can fail)", () => {
        const bad = path.join(dir, "bad.cloudbuild.yaml");
        fs.writeFileSync(bad, "steps:\n- name: gcr.io/cloud-builders/docker\n  bogus: 1\n");
        const { status, stderr } = submit(bad, configDir);
        assert.notStrictEqual(status, 0);
        assert.match(stderr, PARSE_ERROR);
    });

    it("parses every trigger's build (stage's build, preview and drift checks, demo's and prod's deploy), stopping only at the missing credentials", async () => {
        const resources = (await Promise.all(["stage", "demo", "prod"].map(async (stack) => (await plannedStack(stack)).resources))).flat();
        const files = writeCloudbuildFiles(resources, dir);
        assert.deepStrictEqual(files.map((file) => path.basename(file)).sort(), ["bilko-build", "bilko-deploy-demo", "bilko-deploy-prod", "bilko-drift-demo", "bilko-drift-prod", "bilko-drift-stage", "bilko-preview"].map((name) => `${name}.cloudbuild.yaml`));
        for (const file of files) {
            const { status, stderr } = submit(file, configDir);
            assert.notStrictEqual(status, 0, `${path.basename(file)}: gcloud cannot have submitted without credentials`);
            assert.doesNotMatch(stderr, PARSE_ERROR, path.basename(file));
            assert.match(stderr, NO_CREDENTIALS, `${path.basename(file)}: ${stderr}`);
        }
    });
});
