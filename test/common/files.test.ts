import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { decodeUtf8, ensureDirectory, FileError, readFileBytes, replaceFile, replaceFiles } from "../../common";

describe("replacing files", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-files-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const leftovers = () => fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".tmp"));

    it("writes the target of a symbolic link and keeps the link", () => {
        fs.mkdirSync(path.join(dir, "real"));
        fs.writeFileSync(path.join(dir, "real", "stack.yaml"), "old\n");
        fs.symlinkSync("real/stack.yaml", path.join(dir, "link.yaml"));
        replaceFile(path.join(dir, "link.yaml"), "new\n");
        assert.ok(fs.lstatSync(path.join(dir, "link.yaml")).isSymbolicLink(), "the link is still a link");
        assert.strictEqual(fs.readlinkSync(path.join(dir, "link.yaml")), "real/stack.yaml");
        assert.strictEqual(fs.readFileSync(path.join(dir, "real", "stack.yaml"), "utf8"), "new\n");
        assert.deepStrictEqual(leftovers(), []);
    });

    it("keeps the file's mode", () => {
        const file = path.join(dir, "stack.yaml");
        fs.writeFileSync(file, "old\n");
        fs.chmodSync(file, 0o640);
        replaceFile(file, "new\n");
        assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
    });

    it("refuses a file with other hard links, which a rename would leave behind", () => {
        const file = path.join(dir, "stack.yaml");
        fs.writeFileSync(file, "old\n");
        fs.linkSync(file, path.join(dir, "other-name.yaml"));
        assert.throws(() => replaceFile(file, "new\n"), (error: Error) => error instanceof FileError && /has 2 hard links/.test(error.message));
        assert.strictEqual(fs.readFileSync(file, "utf8"), "old\n");
        assert.deepStrictEqual(leftovers(), []);
    });

    it("names a dangling symbolic link instead of creating its target", () => {
        fs.symlinkSync("gone/stack.yaml", path.join(dir, "link.yaml"));
        const dangling = /link\.yaml: it is a symbolic link to gone\/stack\.yaml, which does not exist$/;
        assert.throws(() => replaceFile(path.join(dir, "link.yaml"), "new\n"), dangling);
        assert.throws(() => readFileBytes(path.join(dir, "link.yaml")), dangling);
        assert.ok(!fs.existsSync(path.join(dir, "gone")));
    });

    it("leaves the target and no temporary file when the last check before the rename refuses", () => {
        const file = path.join(dir, "stack.yaml");
        fs.writeFileSync(file, "old\n");
        assert.throws(() => replaceFile(file, "new\n", { beforeReplace: () => assert.fail("changed meanwhile") }), /changed meanwhile/);
        assert.strictEqual(fs.readFileSync(file, "utf8"), "old\n");
        assert.deepStrictEqual(leftovers(), []);
    });

    it("replaces several files all or none: one that cannot be written leaves every other as it was", () => {
        fs.writeFileSync(path.join(dir, "a.yaml"), "old a\n");
        fs.mkdirSync(path.join(dir, "b.yaml"));
        assert.throws(
            () => replaceFiles([{ file: path.join(dir, "a.yaml"), data: "new a\n" }, { file: path.join(dir, "b.yaml"), data: "new b\n" }]),
            /b\.yaml: it is not a regular file/,
        );
        assert.strictEqual(fs.readFileSync(path.join(dir, "a.yaml"), "utf8"), "old a\n");
        assert.deepStrictEqual(leftovers(), []);
    });

    it("creates a missing directory, and removes what it created when asked", () => {
        const target = path.join(dir, "out", "nested");
        const remove = ensureDirectory(target);
        assert.ok(fs.statSync(target).isDirectory());
        remove();
        assert.ok(!fs.existsSync(path.join(dir, "out")));
        fs.writeFileSync(path.join(dir, "file"), "");
        assert.throws(() => ensureDirectory(path.join(dir, "file")), /file: it is not a directory$/);
    });

    it("refuses text that is not UTF-8, naming the line and the byte", () => {
        const bytes = Buffer.concat([Buffer.from("config:\n  # caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
        assert.throws(() => decodeUtf8(bytes, "Pulumi.demo.yaml"), /^FileError: Pulumi\.demo\.yaml: not valid UTF-8 at line 2 \(byte 0xe9\); save it as UTF-8$/);
        assert.strictEqual(decodeUtf8(Buffer.from("café ✓\n"), "x"), "café ✓\n");
    });
});
