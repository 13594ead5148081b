import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { cloudbuildFiles } from "../../plan/cloudbuildYaml";
import { allTriggers } from "../components/pipeline/support";
import { plannedStack } from "../support/stacks";
import { runPlan } from "./support";

/** Runs the plan CLI in-process, its stderr as lines. */
async function quietly(argv: string[]): Promise<{ code: number | null; stderr: string[] }> {
    const run = await runPlan(...argv);
    return { code: run.status, stderr: run.stderr.split("\n").filter(Boolean) };
}

describe("npm run plan -- --emit-cloudbuild", () => {
    const dirs: string[] = [];
    const temporaryDir = () => {
        dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), "bilko-emit-")));
        return dirs[dirs.length - 1];
    };
    after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    it("writes one <trigger>.cloudbuild.yaml per trigger of the stage stack: build and preview", async () => {
        const dir = temporaryDir();
        const { code, stderr } = await quietly(["stage", "--emit-cloudbuild", dir]);
        assert.strictEqual(code, 0);
        const expected = ["bilko-build", "bilko-drift-demo", "bilko-drift-prod", "bilko-drift-stage", "bilko-preview"].map((name) => `${name}.cloudbuild.yaml`);
        assert.deepStrictEqual(fs.readdirSync(dir).sort(), expected);
        assert.match(stderr.join("\n"), /^plan: wrote 5 cloudbuild file\(s\): /);
        assert.match(fs.readFileSync(path.join(dir, "bilko-drift-prod.cloudbuild.yaml"), "utf8"), /^# event: manual refs\/heads\/main on https:\/\/github\.com\/alai-no\/bilko$/m);
    });

    it("writes a promoted stack's own deploy trigger", async () => {
        const dir = path.join(temporaryDir(), "out");
        const { code, stderr } = await quietly(["prod", "--emit-cloudbuild", dir]);
        assert.strictEqual(code, 0);
        assert.deepStrictEqual(fs.readdirSync(dir), ["bilko-deploy-prod.cloudbuild.yaml"]);
        assert.match(stderr.join("\n"), /^plan: wrote 1 cloudbuild file\(s\): /);
    });

    it("holds the trigger's build in Cloud Build's own field names, with the trigger's settings as comments", async () => {
        const triggers = await allTriggers();
        const resources = (await Promise.all(["stage", "prod"].map(async (stack) => (await plannedStack(stack)).resources))).flat();
        const files = Object.fromEntries(cloudbuildFiles(resources).map(({ file, text }) => [file, text]));
        const prod = files["bilko-deploy-prod.cloudbuild.yaml"];
        assert.match(prod, /^# approval required: true {2}runs as: projects\/tribal-sign-487920-k0\/serviceAccounts\/bilko-deploy-prod@/m);
        const document = parse(prod);
        assert.deepStrictEqual(document.steps.map((step: { id: string }) => step.id), triggers["deploy-prod"].build.steps.map((step: { id: string }) => step.id));
        assert.deepStrictEqual(document.steps[2].args, triggers["deploy-prod"].build.steps[2].args);
        assert.deepStrictEqual(document.steps[2].env, triggers["deploy-prod"].build.steps[2].envs);
        assert.deepStrictEqual([document.timeout, document.options, document.serviceAccount], ["3600s", triggers["deploy-prod"].build.options, triggers["deploy-prod"].serviceAccount]);
        const build = parse(files["bilko-build.cloudbuild.yaml"]);
        assert.deepStrictEqual(build.steps.find((step: { id: string }) => step.id === "scan-api").waitFor, ["build-api", "scan-web"]);
        assert.deepStrictEqual(build.images, triggers.build.build.images);
        assert.deepStrictEqual(build.options, { logging: "CLOUD_LOGGING_ONLY", requestedVerifyOption: "VERIFIED" });
        assert.deepStrictEqual(Object.keys(build.steps[1]), ["id", "name", "waitFor", "entrypoint", "env", "args"]);
    });

    it("leaves Cloud Build nothing to substitute but its built-in values: every other $ is written $$", async () => {
        const builtIn = new Set(["BUILD_ID", "COMMIT_SHA", "LOCATION", "PROJECT_ID"]);
        let read = 0;
        const resources = (await Promise.all(["stage", "demo", "prod"].map(async (stack) => (await plannedStack(stack)).resources))).flat();
        for (const { file, text } of cloudbuildFiles(resources)) {
            const body = text.split("\n").filter((line) => !line.startsWith("#")).join("\n");
            const substituted = [...body.replaceAll("$$", "").matchAll(/\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?/g)].map((match) => match[2] ?? "(a bare $)");
            assert.deepStrictEqual(substituted.filter((name) => !builtIn.has(name)), [], file);
            read += substituted.length;
        }
        assert.ok(read > 0, "the builds read some built-in values (the commit, the build id)");
    });
});
