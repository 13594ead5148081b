import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Refusal } from "../../../promotion/cli/errors";
import { StackFileLock } from "../../../promotion/cli/stackFileLock";

const HOUR = 3600 * 1000;

describe("the stack file lock", () => {
    let dir: string;
    let file: string;
    let lockFile: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-lock-"));
        file = path.join(dir, "Pulumi.demo.yaml");
        lockFile = path.join(dir, ".Pulumi.demo.yaml.lock");
        fs.writeFileSync(file, "config: {}\n");
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** A lock file as another command would have left it. */
    function held(holder: Record<string, unknown>, ageMs = 0): void {
        fs.writeFileSync(lockFile, JSON.stringify(holder));
        const then = new Date(Date.now() - ageMs);
        fs.utimesSync(lockFile, then, then);
    }

    /** The pid of a process that has certainly ended. */
    function deadPid(): number {
        return spawnSync("true").pid;
    }

    it("lets one command in and refuses the next, naming who holds it, until it is released", () => {
        const lock = StackFileLock.acquire(file, "Pulumi.demo.yaml", "promote", HOUR);
        assert.throws(
            () => StackFileLock.acquire(file, "Pulumi.demo.yaml", "rollback", HOUR),
            (error: Error) => error instanceof Refusal && new RegExp(`^Pulumi\\.demo\\.yaml is being edited by promote \\(pid ${process.pid} on ${os.hostname()}, since .*\\) \\(lock file .*\\.Pulumi\\.demo\\.yaml\\.lock\\)`).test(error.message),
        );
        lock.release();
        assert.ok(!fs.existsSync(lockFile));
        StackFileLock.acquire(file, "Pulumi.demo.yaml", "rollback", HOUR).release();
    });

    it("breaks a lock whose process is gone", () => {
        held({ pid: deadPid(), host: os.hostname(), since: new Date().toISOString(), command: "promote" });
        const lock = StackFileLock.acquire(file, "Pulumi.demo.yaml", "promote", HOUR);
        assert.strictEqual(JSON.parse(fs.readFileSync(lockFile, "utf8")).pid, process.pid);
        lock.release();
    });

    it("breaks a lock older than any command can hold one, even from another host", () => {
        held({ pid: 1, host: "build-agent-7", since: "2026-01-01T00:00:00.000Z", command: "promote" }, 2 * HOUR);
        StackFileLock.acquire(file, "Pulumi.demo.yaml", "promote", HOUR).release();
    });

    it("respects a fresh lock of another host, and one whose content is still being written", () => {
        held({ pid: 1, host: "build-agent-7", since: new Date().toISOString(), command: "rollback" });
        assert.throws(() => StackFileLock.acquire(file, "Pulumi.demo.yaml", "promote", HOUR), /being edited by rollback \(pid 1 on build-agent-7/);
        fs.writeFileSync(lockFile, "");
        assert.throws(() => StackFileLock.acquire(file, "Pulumi.demo.yaml", "promote", HOUR), /being edited by another command/);
    });

    it("never removes a lock that is no longer its own", () => {
        const lock = StackFileLock.acquire(file, "Pulumi.demo.yaml", "promote", HOUR);
        held({ pid: 1, host: "build-agent-7", since: new Date().toISOString(), command: "rollback" });
        lock.release();
        assert.ok(fs.existsSync(lockFile), "the other command's lock stays");
    });

    it("says in one line when the directory does not let it create the lock", () => {
        assert.throws(() => StackFileLock.acquire(path.join(dir, "missing", "Pulumi.demo.yaml"), "Pulumi.demo.yaml", "promote", HOUR), /^FileError: cannot lock Pulumi\.demo\.yaml: cannot create .*: no such file or directory \(ENOENT\)$/);
    });
});
