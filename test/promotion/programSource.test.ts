/** The program's own content hash: what it covers, and what changes it. */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { checkProgram, programFiles, programHash, programHistory, PROGRAMS_KEPT } from "../../promotion";
import { PROJECT_DIR } from "../support/stacks";
import { digestOf } from "../support/digests";

/** Every project file reachable by relative imports from `entry`. */
function reachable(entry: string): string[] {
    const seen = new Set<string>();
    const visit = (file: string): void => {
        if (seen.has(file)) {
            return;
        }
        seen.add(file);
        for (const imported of ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles.map((item) => item.fileName).filter((name) => name.startsWith("."))) {
            const base = path.resolve(path.dirname(file), imported);
            visit([`${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate))!);
        }
    };
    visit(path.join(PROJECT_DIR, entry));
    return [...seen].map((file) => path.relative(PROJECT_DIR, file).split(path.sep).join("/"));
}

function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-program-"));
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
}

describe("the program's content hash", () => {
    it("covers every file the program, the policy pack and the pipeline's tools load", () => {
        const covered = new Set(programFiles(PROJECT_DIR));
        for (const entry of ["index.ts", "policies/index.ts", "tools/pipelineFacts.ts", "tools/smoke.ts"]) {
            assert.deepStrictEqual(reachable(entry).filter((file) => !covered.has(file)), [], entry);
        }
        for (const file of ["Pulumi.yaml", "package-lock.json", "policies/PulumiPolicy.yaml"]) {
            assert.ok(covered.has(file), file);
        }
    });

    it("leaves out what promotion changes and what does not run: stack files, docs, tests, node_modules", () => {
        const files = programFiles(PROJECT_DIR);
        assert.deepStrictEqual(files.filter((file) => /^Pulumi\.[a-z]+\.yaml$|^docs\/|^test\/|node_modules|\.md$/.test(file)), []);
    });

    it("changes with a program file, not with a stack file, a doc or a line ending", () => {
        const files = { "Pulumi.yaml": "name: bilko\n", "index.ts": "export const a = 1;\n", "Pulumi.demo.yaml": "config: {}\n", "README.md": "x\n" };
        const dirs = [
            project(files),
            project({ ...files, "Pulumi.demo.yaml": "config: {bilko:x: 1}\n", "README.md": "y\n", "docs/a.md": "z\n" }),
            project({ ...files, "index.ts": "export const a = 1;\r\n" }),
            project({ ...files, "index.ts": "export const a = 2;\n" }),
            project({ ...files, "program/extra.ts": "export {};\n" }),
        ];
        try {
            const [base, docs, crlf, edited, added] = dirs.map(programHash);
            assert.match(base, /^sha256:[0-9a-f]{64}$/);
            assert.deepStrictEqual([docs, crlf], [base, base]);
            assert.notStrictEqual(edited, base);
            assert.notStrictEqual(added, base);
        } finally {
            dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
        }
    });

    it(`keeps every program a stack deployed, newest first, the newest ${PROGRAMS_KEPT}`, () => {
        const [a, b, c] = ["a", "b", "c"].map(digestOf);
        assert.deepStrictEqual(programHistory(c, { hash: b, deployed: [b, a] }), { hash: c, deployed: [c, b, a] });
        assert.deepStrictEqual(programHistory(b, { hash: b, deployed: [b, a] }), { hash: b, deployed: [b, a] }, "a redeploy adds nothing");
        const many = Array.from({ length: PROGRAMS_KEPT + 3 }, (_, index) => `sha256:${index.toString(16).padStart(64, "0")}`);
        assert.strictEqual(programHistory(a, { hash: many[0], deployed: many }).deployed.length, PROGRAMS_KEPT);
    });

    it("an older program the upstream deployed once still counts: what matters is that it ran there", () => {
        const [a, b] = ["a", "b"].map(digestOf);
        assert.strictEqual(checkProgram({ file: "Pulumi.prod.yaml", upstream: "demo", hash: a, upstreamProgram: { hash: b, deployed: [b, a] } }).ran, true);
        assert.match(checkProgram({ file: "Pulumi.prod.yaml", upstream: "demo", hash: a, upstreamProgram: "garbage" }).problem!, /reports a malformed program output "garbage"/);
    });
});
