import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { edited, PROJECT_DIR } from "../support/stacks";
import { runPlan as plan, spawnPlan } from "./support";

const tempDirs: string[] = [];

function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-plan-"));
    tempDirs.push(dir);
    return dir;
}

function writeStackFile(values: Record<string, unknown>): string {
    const file = path.join(tempDir(), "candidate.yaml");
    fs.writeFileSync(file, stringify({ config: values }));
    return file;
}

describe("npm run plan", function () {
    this.timeout(30000);
    after(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    it("plans all three stacks in promotion order and shows the key settings", async () => {
        const run = await plan();
        assert.strictEqual(run.status, 0, run.stderr);
        const headers = run.stdout.split("\n").filter((line) => line.startsWith("stack "));
        assert.deepStrictEqual(headers.map((line) => line.split(" ")[1]), ["stage", "demo", "prod"]);
        assert.match(run.stdout, /gcp:sql:DatabaseInstance\s+database-instance\s+name=bilko-db\s+POSTGRES_16\s+ENTERPRISE\s+db-custom-2-7680\s+REGIONAL/);
        assert.match(run.stdout, /corsOrigins\.api\s+https:\/\/bilko\.alai\.no\n/);
    });

    it("--json prints one document with stacks, resources (type, name, inputs) and outputs", async () => {
        const run = await plan("prod", "--json");
        assert.strictEqual(run.status, 0, run.stderr);
        const document = JSON.parse(run.stdout);
        assert.strictEqual(document.stacks.length, 1);
        const [prod] = document.stacks;
        assert.strictEqual(prod.stack, "prod");
        const instance = prod.resources.find((r: any) => r.type === "gcp:sql/databaseInstance:DatabaseInstance");
        assert.strictEqual(instance.name, "database-instance");
        assert.strictEqual(instance.inputs.settings.availabilityType, "REGIONAL");
        assert.strictEqual(prod.outputs.services.api.hostname, "bilko-api.alai.no");
    });

    it("--config evaluates another file as the named stack and shows secure values as [secret]", async () => {
        const file = writeStackFile(
            edited("prod", (v) => {
                v["cloudflare:apiToken"] = { secure: "v1:AAAABBBBCCCC" };
                v["bilko:services"].web.minInstances = 3;
            }),
        );
        const run = await plan("prod", "--config", file, "--json");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.ok(!run.stdout.includes("v1:AAAABBBBCCCC"), "the ciphertext never reaches the output");
        const web = JSON.parse(run.stdout).stacks[0].resources.find((r: any) => r.name === "web-service");
        assert.strictEqual(web.inputs.template.scaling.minInstanceCount, 3);
    });

    it("refuses invalid config with exit 2 and one line naming the file and key", () => {
        const file = writeStackFile(edited("prod", (v) => (v["bilko:services"].api.digest = "latest")));
        const run = spawnPlan("prod", "--config", file);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(run.stdout, "");
        assert.strictEqual(run.stderr, 'plan: candidate.yaml: bilko:services.api.digest: expected "sha256:" and 64 lowercase hex digits, got "latest"\n');
    });

    it("refuses a stack file that is not YAML, or has no config mapping, with exit 2", async () => {
        const file = path.join(tempDir(), "broken.yaml");
        fs.writeFileSync(file, "config: [unclosed\n");
        assert.match((await plan("prod", "--config", file)).stderr, /^plan: broken\.yaml: not valid YAML: /);
        fs.writeFileSync(file, "nothing: here\n");
        const run = await plan("prod", "--config", file);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(run.stderr, 'plan: broken.yaml: expected a top-level "config:" mapping\n');
    });

    it("refuses bad usage with exit 2", async () => {
        assert.strictEqual((await plan("qa")).status, 2);
        assert.match((await plan("qa")).stderr, /^plan: unknown stack "qa": no Pulumi\.qa\.yaml \(stacks: stage, demo, prod\)/);
        assert.match((await plan("--config", "x.yaml")).stderr, /--config evaluates one file as one stack/);
        assert.strictEqual((await plan("--frobnicate")).status, 2);
    });

    it("--help explains the command and exits 0", () => {
        const run = spawnPlan("--help");
        assert.strictEqual(run.status, 0);
        assert.match(run.stdout, /^usage: npm run plan -- \[<stack>\.\.\.\] \[--config <file>\] \[--estate <file>\] \[--json\]/);
        assert.match(run.stdout, /exit status:/);
    });

    it("answers --help and bad usage without loading any Pulumi package", () => {
        const script =
            "require('./plan/cli').main(['--help'], { out() {}, err() {} }).then(() => main(['--frobnicate'], { out() {}, err() {} })).then(() => " +
            "console.log(JSON.stringify(Object.keys(require.cache).filter((file) => file.includes('@pulumi')))));" +
            "const { main } = require('./plan/cli');";
        const run = spawnSync(process.execPath, ["--require", "sucrase/register/ts", "-e", script], { cwd: PROJECT_DIR, encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(JSON.parse(run.stdout), []);
    });
});
