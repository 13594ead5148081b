/**
 * The stack-file edit, class by class: aliases are never silently rebound, every value written reads the same to
 * YAML 1.1 and 1.2 readers, bytes outside the edited nodes survive, and input no reader would agree on is refused.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { BadInput } from "../../../promotion/cli/errors";
import { keepsOutside, StackFileEdit } from "../../../promotion/cli/stackFileEdit";
import { committedValues } from "../../support/stacks";
import { digestOf, Project, upstreamOutputs } from "./support";

const demo = committedValues("demo")["bilko:services"];
const NEW_WEB = digestOf("a");
const RELEASE = { service: "web", digest: NEW_WEB, from: "stage", at: "2026-11-22T10:00:00Z", by: "releaser@example.com", kind: "promote" } as const;

/** A project whose stage runs a new web digest and demo's own api digest. */
function stageWithNewWeb(): Project {
    return new Project().outputs("stage", upstreamOutputs({ web: NEW_WEB, api: demo.api.digest }));
}

describe("editing a stack file", () => {
    describe("YAML anchors and aliases", () => {
        it("refuses to change a digest that an alias repeats in an old audit entry, naming the anchor and the line", async () => {
            const project = stageWithNewWeb();
            project.write("demo", project.read("demo").replace(`digest: ${demo.web.digest}\n      hostname`, `digest: &web ${demo.web.digest}\n      hostname`).replace(`      digest: ${demo.web.digest}\n      from: stage`, "      digest: *web\n      from: stage"));
            const original = project.read("demo");
            const aliasLine = original.split("\n").indexOf("      digest: *web") + 1;
            assert.ok(aliasLine > 0);
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 2, run.stdout);
            assert.strictEqual(
                run.stderr,
                `promote: Pulumi.demo.yaml: bilko:services.web.digest is the anchor &web, which 1 alias(es) repeat (*web, line ${aliasLine}); changing it would change them too: write the value out in place of each *web, then run again\n`,
            );
            assert.strictEqual(project.read("demo"), original);
        });

        it("replaces a digest that is itself an alias, leaving what the anchor holds for everyone else", async () => {
            const project = stageWithNewWeb();
            // A key of another namespace, before the services, holds the anchor (the program ignores it).
            const text = project.read("demo").replace("  bilko:services:\n", `  notes:known-good: &good ${demo.web.digest}\n  bilko:services:\n`);
            project.write("demo", text.replace(`digest: ${demo.web.digest}\n      hostname`, "digest: *good\n      hostname"));
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 0, run.stderr);
            const config = project.config("demo");
            assert.strictEqual(config["bilko:services"].web.digest, NEW_WEB);
            assert.strictEqual(config["notes:known-good"], demo.web.digest, "the anchor still holds what it held");
            assert.match(project.read("demo"), new RegExp(`      digest: "${NEW_WEB}"\\n      hostname`));
        });

        it("keeps an anchor that nothing repeats, on the new value", async () => {
            const project = stageWithNewWeb();
            project.write("demo", project.read("demo").replace(`digest: ${demo.web.digest}\n      hostname`, `digest: &web ${demo.web.digest}\n      hostname`));
            assert.strictEqual((await project.run("promote", ["demo"])).status, 0);
            assert.match(project.read("demo"), new RegExp(`digest: &web ${NEW_WEB}\\n`));
        });

        it("refuses an audit trail that is an alias, or an anchor something else repeats", () => {
            const project = new Project();
            const text = project.read("demo");
            project.write("demo", `${text.replace("  bilko:releases:\n", "  bilko:releases: &trail\n")}`);
            const edit = StackFileEdit.open(project.dir, "demo");
            assert.throws(() => edit.appendReleases([RELEASE]), /bilko:releases is the anchor &trail: appending to it would change what the alias means too/);
        });

        it("refuses to drop an old entry that holds an anchor a kept entry still repeats", () => {
            const project = new Project();
            const entry = (index: number, reason: string) => `    - service: web\n      digest: ${digestOf((index % 10).toString())}\n      from: stage\n      at: "2026-01-${String(index + 1).padStart(2, "0")}T00:00:00Z"\n      by: someone\n      kind: promote\n      reason: ${reason}\n`;
            const entries = Array.from({ length: 20 }, (_, index) => entry(index, index === 0 ? "&why first release" : index === 1 ? "*why" : "routine"));
            const text = project.read("demo");
            project.write("demo", `${text.slice(0, text.indexOf("  bilko:releases:"))}  bilko:releases:\n${entries.join("")}`);
            const edit = StackFileEdit.open(project.dir, "demo");
            edit.appendReleases([RELEASE]);
            assert.throws(() => edit.text(), (error: Error) => error instanceof BadInput && /the edit cannot be written as YAML \(Unresolved alias.*why/.test(error.message));
        });
    });

    describe("values every YAML reader reads alike", () => {
        // Plain, each of these is a boolean, a number, a date or null to some YAML 1.1 or 1.2 reader.
        const tricky = ["yes", "no", "on", "off", "y", "1:20", "1_000", "012", "0x1F", "0o17", "~", "null", "true", ".inf", "2026-11-22", "- a list?", "#not a comment", "a: b", '"quoted"', "'single'", "back\\slash", "café ✓"];

        it("quotes every string of an audit entry, so YAML 1.1 (the Pulumi CLI) and 1.2 read the same text", () => {
            const edit = StackFileEdit.open(new Project().dir, "demo");
            edit.appendReleases(tricky.map((reason, index) => ({ ...RELEASE, service: index % 2 === 0 ? "web" : "api", reason })));
            const text = edit.text();
            for (const version of ["1.1", "1.2"] as const) {
                const releases = (parse(text, { version }) as { config: Record<string, any> }).config["bilko:releases"] as Array<Record<string, unknown>>;
                assert.deepStrictEqual(releases.slice(-tricky.length).map((entry) => entry.reason), tricky, `YAML ${version}`);
                assert.strictEqual(releases.at(-1)!.at, RELEASE.at, `YAML ${version} keeps the time a string`);
            }
        });

        it("refuses text that YAML 1.1 readers take as a line break, or that has no plain form, before asking pulumi anything", async () => {
            const project = stageWithNewWeb();
            for (const [text, named] of [
                ["line\u2028separator", "U+2028 (line separator)"],
                ["next\u0085line", "U+0085 (next line)"],
                ["two\nlines", "U+000A (line feed)"],
                ["bell\u0007", "U+0007 (control character)"],
            ]) {
                const run = await project.run("promote", ["demo", "--reason", text]);
                assert.strictEqual(run.status, 2);
                assert.strictEqual(run.stderr, `promote: --reason contains ${named}, which YAML readers do not all read alike (the Pulumi CLI would not read it back as written); use plain text on one line\n`);
            }
            assert.deepStrictEqual(project.calls(), []);
        });

        it("refuses a releaser whose name cannot be written, naming where it came from", () => {
            const edit = StackFileEdit.open(new Project().dir, "demo");
            assert.throws(() => edit.appendReleases([{ ...RELEASE, by: "ops\u2029team" }]), /^Error: the releaser \(git config user\.email, else \$USER\): contains U\+2029 \(paragraph separator\)/);
        });

        it("refuses, on reading, a stack file whose audit entry holds such text", () => {
            const project = new Project();
            project.write("demo", project.read("demo").replace("reason: backfilled; promoted from stage with gcloud", 'reason: "backfilled\\L"'));
            assert.throws(() => StackFileEdit.open(project.dir, "demo"), /^Error: Pulumi\.demo\.yaml: bilko:releases\[2\]\.reason: contains U\+2028 \(line separator\)/);
        });
    });

    describe("bytes outside the edited nodes", () => {
        it("refuses a file that is not UTF-8 (the Pulumi CLI refuses it too), writing nothing", async () => {
            const project = stageWithNewWeb();
            const [first, rest] = project.read("demo").split("what customers try.");
            const latin1 = Buffer.concat([Buffer.from(`${first}what customers try, caf`), Buffer.from([0xe9]), Buffer.from(`.${rest}`)]);
            fs.writeFileSync(project.file("demo"), latin1);
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 2);
            assert.strictEqual(run.stderr, "promote: Pulumi.demo.yaml: not valid UTF-8 at line 1 (byte 0xe9); save it as UTF-8\n");
            assert.ok(fs.readFileSync(project.file("demo")).equals(latin1));
        });

        it("checks that the result holds every byte outside the edited ranges, in order", () => {
            const before = "keep 1\nEDIT\nkeep 2\nEDIT\nkeep 3\n";
            const ranges: Array<[number, number]> = [[7, 11], [19, 23]];
            assert.ok(keepsOutside(before, ranges, "keep 1\nnew\nkeep 2\nnewer\nkeep 3\n"));
            assert.ok(keepsOutside(before, ranges, "keep 1\n\nkeep 2\n\nkeep 3\n"));
            assert.ok(!keepsOutside(before, ranges, "keep 1\nnew\nkeep 2\nnewer\nkeep 3 \n"), "a changed byte after the last range");
            assert.ok(!keepsOutside(before, ranges, "keep 1\nnew\nkeep 3\nnewer\nkeep 2\n"), "kept text out of order");
            assert.ok(!keepsOutside(before, ranges, "Keep 1\nEDIT\nkeep 2\nEDIT\nkeep 3\n"), "a changed byte before the first range");
            assert.ok(keepsOutside(before, [[before.length, before.length]], `${before}appended\n`), "an insertion at the end");
        });

        it("refuses a key named __proto__, which JavaScript would silently drop", async () => {
            const project = stageWithNewWeb();
            project.write("demo", project.read("demo").replace("        NEXT_PUBLIC_API_URL:", "        __proto__: hidden\n        NEXT_PUBLIC_API_URL:"));
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 2);
            assert.match(run.stderr, /^promote: Pulumi\.demo\.yaml: config\.bilko:services\.web\.env\.__proto__: a key named "__proto__" is not allowed: JavaScript objects drop it, so its value would be silently ignored\n$/);
        });
    });

    describe("where the file is", () => {
        it("edits the target of a symbolic link and keeps the link and the file's mode", async () => {
            const project = stageWithNewWeb();
            const shared = path.join(project.dir, "shared");
            fs.mkdirSync(shared);
            fs.renameSync(project.file("demo"), path.join(shared, "demo.yaml"));
            fs.symlinkSync("shared/demo.yaml", project.file("demo"));
            fs.chmodSync(path.join(shared, "demo.yaml"), 0o640);
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 0, run.stderr);
            assert.ok(fs.lstatSync(project.file("demo")).isSymbolicLink());
            assert.strictEqual(parse(fs.readFileSync(path.join(shared, "demo.yaml"), "utf8")).config["bilko:services"].web.digest, NEW_WEB);
            assert.strictEqual(fs.statSync(path.join(shared, "demo.yaml")).mode & 0o777, 0o640);
            assert.deepStrictEqual(fs.readdirSync(shared), ["demo.yaml"], "no lock or temporary file is left");
        });

        it("works in a project whose files are .yml, as the Pulumi CLI reads them", async () => {
            const project = new Project({ extension: ".yml" }).outputs("stage", upstreamOutputs({ web: NEW_WEB, api: demo.api.digest }));
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 0, run.stderr);
            assert.match(run.stdout, /wrote Pulumi\.demo\.yml; next:/);
            assert.strictEqual(project.config("demo")["bilko:services"].web.digest, NEW_WEB);
        });

        it("names a stack file the Pulumi CLI would not read, next to a project file of the other extension", async () => {
            const project = new Project();
            fs.renameSync(project.file("demo"), path.join(project.dir, "Pulumi.demo.yml"));
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 2);
            assert.match(run.stderr, /^promote: unknown stack "demo": no Pulumi\.demo\.yaml in .* \(stacks: stage, prod\); Pulumi\.demo\.yml is there, but next to Pulumi\.yaml the Pulumi CLI reads Pulumi\.demo\.yaml: rename it\n$/);
        });
    });
});
