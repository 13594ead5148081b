/**
 * The plan under faults: a stack reference that cannot be answered, cloudbuild files that cannot be written, options
 * given twice. Each ends with exit 2 and one line, prints no plan, and leaves no file half written.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { committedStackOutputs } from "../../offline/stackOutputs";
import { edited, PROJECT_DIR } from "../support/stacks";
import { stringify } from "yaml";
import { runPlan as plan, type PlanRun } from "./support";

const temporary: string[] = [];
function temporaryDir(): string {
    temporary.push(fs.mkdtempSync(path.join(os.tmpdir(), "bilko-plan-faults-")));
    return temporary[temporary.length - 1];
}

/** A copy of the project's stack files, with `edit` applied to them. */
function projectCopy(edit: (dir: string) => void): string {
    const dir = temporaryDir();
    for (const file of ["Pulumi.yaml", "Pulumi.stage.yaml", "Pulumi.demo.yaml", "Pulumi.prod.yaml"]) {
        fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(dir, file));
    }
    edit(dir);
    return dir;
}

/** The plan run in this process from `dir`, as `npm run plan` run there would. */
async function planIn(dir: string, ...argv: string[]): Promise<PlanRun> {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
        return await plan(...argv);
    } finally {
        process.chdir(cwd);
    }
}

function assertOneLineRefusal(run: PlanRun, line: RegExp): void {
    assert.strictEqual(run.status, 2, run.stderr);
    assert.strictEqual(run.stdout, "", "no plan is printed");
    assert.match(run.stderr, /^[^\n]*\n$/, `one line: ${run.stderr}`);
    assert.match(run.stderr, line);
}

describe("npm run plan under faults", function () {
    this.timeout(30000);
    after(() => temporary.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    describe("stack references", () => {
        it("refuses, naming the reference and why, when the upstream's file is broken", async () => {
            const dir = projectCopy((copy) => fs.writeFileSync(path.join(copy, "Pulumi.demo.yaml"), fs.readFileSync(path.join(copy, "Pulumi.demo.yaml"), "utf8").replace("minBakeMinutes: 0", "minBakeMinutes: soon")));
            assertOneLineRefusal(await planIn(dir, "prod"), /^plan: Pulumi\.prod\.yaml: stack reference "organization\/bilko\/demo": Pulumi\.demo\.yaml: bilko:promotion\.minBakeMinutes: expected number, got "soon"\n$/);
        });

        it("answers a stack that has no committed file yet as one never deployed, when it reads itself", async () => {
            const file = path.join(temporaryDir(), "qa.yaml");
            fs.writeFileSync(file, stringify({ config: edited("stage", (values) => (values["bilko:environment"] = "stage")) }));
            const run = await plan("qa", "--config", file);
            assert.strictEqual(run.status, 0, run.stderr);
            assert.match(run.stdout, /^stack qa \(qa\.yaml\): environment stage, /);
        });

        it("refuses to answer a reference to another project's stack, or to a stack with no file", () => {
            assert.throws(() => committedStackOutputs("acme/other-project/stage"), /it names project "other-project", and offline only this project's \("bilko"\) stacks can be answered/);
            assert.throws(() => committedStackOutputs("organization/bilko/a/b"), /expected a stack name such as/);
        });
    });

    describe("--emit-cloudbuild", () => {
        it("refuses a file where the directory should be, before planning anything", async () => {
            const file = path.join(temporaryDir(), "not-a-directory");
            fs.writeFileSync(file, "");
            const run = await plan("stage", "--emit-cloudbuild", file);
            assert.strictEqual(run.status, 2);
            assert.strictEqual(run.stdout, "");
            assert.match(run.stderr, /^plan: --emit-cloudbuild .*not-a-directory: it is a file; name a directory \(it is created if missing\)\n/);
        });

        it("writes no file at all when one of them cannot be written, and prints no plan", async () => {
            const dir = temporaryDir();
            fs.mkdirSync(path.join(dir, "bilko-preview.cloudbuild.yaml"));
            assertOneLineRefusal(await plan("stage", "--emit-cloudbuild", dir), /^plan: cannot write .*bilko-preview\.cloudbuild\.yaml: it is not a regular file\n$/);
            assert.deepStrictEqual(fs.readdirSync(dir), ["bilko-preview.cloudbuild.yaml"], "no other file, no temporary file");
        });

        it("refuses a directory that cannot be created, creating nothing", async () => {
            const parent = temporaryDir();
            fs.writeFileSync(path.join(parent, "blocker"), "");
            assertOneLineRefusal(await plan("stage", "--emit-cloudbuild", path.join(parent, "blocker", "out")), /^plan: cannot write .*blocker\/out: not a directory \(ENOTDIR\)\n$/);
            assert.deepStrictEqual(fs.readdirSync(parent), ["blocker"]);
        });
    });

    it("refuses --config or --emit-cloudbuild given twice rather than keep the last", async () => {
        for (const option of ["--config", "--emit-cloudbuild"]) {
            const run = await plan("prod", option, "a", option, "b");
            assert.strictEqual(run.status, 2);
            assert.match(run.stderr, new RegExp(`^plan: ${option} given 2 times; give it once\\n`));
        }
    });
});
