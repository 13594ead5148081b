/**
 * Fault injection: promote and rollback driven as a user drives them, with a `pulumi` on PATH that hangs, lies,
 * truncates or dies by a signal, with a read-only directory, unreadable and read-only files, a full disk, and two
 * commands at once. Where the process boundary is the point (time limits, signals, users, resource limits,
 * concurrency) each run is its own process; elsewhere the command runs in this process against the same fake pulumi.
 * In every case: the documented exit status, one line, no stack trace, nothing written, no lock or temporary file left.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { committedValues } from "../../support/stacks";
import { digestOf, isRunning, Project, upstreamOutputs, type Run, type StartOptions } from "./support";

const demo = committedValues("demo")["bilko:services"];
const NEW_WEB = digestOf("a");
const STAGE_OUTPUTS = upstreamOutputs({ web: NEW_WEB, api: demo.api.digest });
const IS_ROOT = process.getuid?.() === 0;
/** Root ignores file permissions, so permission faults run as `nobody` there. */
const UNPRIVILEGED: StartOptions = IS_ROOT ? { uid: 65534, gid: 65534 } : {};

/** A project whose stage runs a new web digest: `promote demo` has something to write. */
function promotable(options?: ConstructorParameters<typeof Project>[0]): Project {
    return new Project(options).outputs("stage", STAGE_OUTPUTS);
}

/** Files a failed command must not leave behind: its temporary file and its lock. */
function leftovers(dir: string): string[] {
    return fs.readdirSync(dir).filter((file) => file.endsWith(".tmp") || file.endsWith(".lock"));
}

/** The failure was one line, with the exit status and nothing on stdout, and the file is byte for byte as before. */
function assertCleanFailure(run: Run, status: number, line: RegExp, project: Project, original: string): void {
    assert.strictEqual(run.status, status, `${run.stdout}${run.stderr}`);
    assert.strictEqual(run.stdout, "");
    assert.match(run.stderr, /^[^\n]*\n$/, `one line: ${run.stderr}`);
    assert.match(run.stderr, line);
    assert.strictEqual(project.read("demo"), original);
    assert.deepStrictEqual(leftovers(project.dir), []);
}

/** The pids the fake pulumi recorded: itself and, when it hangs, the child holding its output pipe. */
function fakePids(project: Project): number[] {
    const file = path.join(project.fixtures, "pids");
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").map(Number) : [];
}

async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10000;
    while (!condition()) {
        assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

/** Makes `dir` and everything in it readable by the unprivileged runner, and `writable` paths writable by it. */
function openTo(dir: string, ...writable: string[]): void {
    fs.chmodSync(dir, 0o755);
    for (const file of writable) {
        if (IS_ROOT) {
            fs.chownSync(file, 65534, 65534);
        } else {
            fs.chmodSync(file, 0o777);
        }
    }
}

describe("promote and rollback under faults", function () {
    this.timeout(20000);

    describe("a pulumi that misbehaves", () => {
        it("never answers: stopped at the time limit with the child it started, exit 2 naming the call", async () => {
            const project = promotable();
            const original = project.read("demo");
            const run = await project.spawn("promote", ["demo"], { extraEnv: { FAKE_PULUMI_FAULT: "hang", BILKO_TOOL_TIMEOUT_SECONDS: "1" } });
            assertCleanFailure(run, 2, /^promote: pulumi stack output --json --stack stage: no answer within 1 s, stopped it \(BILKO_TOOL_TIMEOUT_SECONDS sets the limit\)\n$/, project, original);
            assert.strictEqual(fakePids(project).length, 2);
            assert.deepStrictEqual(fakePids(project).filter(isRunning), [], "no pulumi, and nothing it started, is left running");
        });

        it("hangs until Ctrl-C: stopped with its child, exit 130, the lock released", async () => {
            const project = promotable();
            const original = project.read("demo");
            const lock = path.join(project.dir, ".Pulumi.demo.yaml.lock");
            const promote = project.start("promote", ["demo"], { extraEnv: { FAKE_PULUMI_FAULT: "hang" } });
            await until(() => fakePids(project).length === 2 && fs.existsSync(lock), "pulumi to start under the lock");
            process.kill(promote.pid, "SIGINT");
            const run = await promote.done;
            assertCleanFailure(run, 130, /^promote: interrupted by SIGINT; nothing written\n$/, project, original);
            assert.deepStrictEqual(fakePids(project).filter(isRunning), []);
        });

        it("dies by a signal: exit 2 naming the signal, not an exit status", async () => {
            const project = promotable();
            const run = await project.run("promote", ["demo"], { FAKE_PULUMI_FAULT: "signal:SIGKILL" });
            assertCleanFailure(run, 2, /^promote: pulumi stack output --json --stack stage: killed by SIGKILL\n$/, project, new Project().read("demo"));
        });

        it("cuts its answer short: exit 2, the answer is not JSON", async () => {
            const project = promotable();
            const run = await project.run("promote", ["demo"], { FAKE_PULUMI_FAULT: "truncate" });
            assertCleanFailure(run, 2, /^promote: pulumi stack output --json --stack stage: output is not JSON \(\d+ characters\): "\{/, project, new Project().read("demo"));
        });

        it("answers with another stack's outputs: exit 2, its digests are not written", async () => {
            const project = new Project().outputs("stage", { ...STAGE_OUTPUTS, environment: "prod" });
            const run = await project.run("promote", ["demo"]);
            assertCleanFailure(run, 2, /reports environment "prod", but Pulumi\.stage\.yaml says "stage"/, project, new Project().read("demo"));
        });

        it("answers with more than a pipe or 1 MiB holds: read whole, the promotion made", async () => {
            const project = promotable();
            const run = await project.run("promote", ["demo"], { FAKE_PULUMI_FAULT: "pad:3000000" });
            assert.strictEqual(run.status, 0, run.stderr);
            assert.strictEqual(project.config("demo")["bilko:services"].web.digest, NEW_WEB);
        });
    });

    describe("two commands at once", () => {
        it("lets the first write and refuses the second (exit 1), so no update is lost", async () => {
            const project = promotable();
            const lock = path.join(project.dir, ".Pulumi.demo.yaml.lock");
            const go = path.join(project.fixtures, "go");
            // The first one's pulumi answers only once the second has run: they overlap for sure.
            const first = project.spawn("promote", ["demo", "--reason", "first"], { extraEnv: { FAKE_PULUMI_FAULT: `waitfor:${go}` } });
            await until(() => fs.existsSync(lock), "the first promote to take the lock");
            const second = await project.spawn("rollback", ["demo", "--service", "web", "--to", demo.web.digest, "--force", "--reason", "second"]);
            fs.writeFileSync(go, "");
            assert.strictEqual(second.status, 1, second.stdout + second.stderr);
            assert.match(second.stderr, /^rollback: refused: Pulumi\.demo\.yaml is being edited by promote \(pid \d+ on .*\); run again once it is done, or delete the lock file if no such command runs\n$/);
            const won = await first;
            assert.strictEqual(won.status, 0, won.stderr);
            const config = project.config("demo");
            assert.strictEqual(config["bilko:services"].web.digest, NEW_WEB);
            assert.deepStrictEqual(config["bilko:releases"].slice(-1).map((entry: { reason: string }) => entry.reason), ["first"]);
            assert.deepStrictEqual(leftovers(project.dir), []);
        });
    });

    describe("files that cannot be read or written", () => {
        it("a read-only directory: exit 2 before pulumi is asked anything", async () => {
            const project = promotable();
            openTo(project.dir, project.fixtures);
            if (!IS_ROOT) {
                fs.chmodSync(project.dir, 0o555);
            }
            const original = project.read("demo");
            const run = await project.spawn("promote", ["demo"], UNPRIVILEGED);
            fs.chmodSync(project.dir, 0o755);
            assertCleanFailure(run, 2, /^promote: cannot lock Pulumi\.demo\.yaml: cannot create .*\.Pulumi\.demo\.yaml\.lock: permission denied \(EACCES\)\n$/, project, original);
            assert.deepStrictEqual(project.calls(), []);
        });

        it("an unreadable stack file: exit 2 naming it", async () => {
            const project = promotable();
            openTo(project.dir, project.dir, project.fixtures);
            fs.chmodSync(project.file("demo"), 0o600);
            if (!IS_ROOT) {
                fs.chmodSync(project.file("demo"), 0o000);
            }
            const run = await project.spawn("promote", ["demo"], UNPRIVILEGED);
            fs.chmodSync(project.file("demo"), 0o644);
            assertCleanFailure(run, 2, /^promote: cannot read .*Pulumi\.demo\.yaml: permission denied \(EACCES\)\n$/, project, new Project().read("demo"));
        });

        it("a read-only stack file in a writable directory: exit 2, not replaced", async () => {
            const project = promotable();
            openTo(project.dir, project.dir, project.fixtures, project.file("demo"));
            fs.chmodSync(project.file("demo"), 0o444);
            const run = await project.spawn("promote", ["demo"], UNPRIVILEGED);
            assertCleanFailure(run, 2, /^promote: cannot write .*Pulumi\.demo\.yaml: it is read-only \(mode 0444\)\n$/, project, new Project().read("demo"));
        });

        it("a dangling symbolic link: exit 2 naming where it points", async () => {
            const project = promotable();
            fs.rmSync(project.file("demo"));
            fs.symlinkSync("../elsewhere/Pulumi.demo.yaml", project.file("demo"));
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 2);
            assert.match(run.stderr, /^promote: cannot write .*Pulumi\.demo\.yaml: it is a symbolic link to \.\.\/elsewhere\/Pulumi\.demo\.yaml, which does not exist\n$/);
            assert.deepStrictEqual(leftovers(project.dir), []);
        });

        describe("a disk that fills up while the file is written", () => {
            // Mounted in a hook, not while mocha collects the tests: a --grep that skips them must not leave a mount.
            let disk: FullDisk;
            before(() => (disk = fullDisk()));
            after(() => disk.cleanup());

            it("exit 2 naming why (a full tmpfs where one can be mounted, else a file-size limit), the file untouched, no temporary file left", async () => {
                const project = promotable({ dir: disk.dir, fixtures: fs.mkdtempSync(path.join(os.tmpdir(), "bilko-fake-pulumi-")) });
                const original = project.read("demo");
                disk.fill();
                const run = await project.spawn("promote", ["demo"], disk.spawn);
                assertCleanFailure(run, 2, new RegExp(`^promote: cannot write .*Pulumi\\.demo\\.yaml: ${disk.reason}\\n$`), project, original);
            });
        });
    });
});

interface FullDisk {
    dir: string;
    reason: string;
    spawn: StartOptions;
    /** Leaves room for the lock file and none for the new stack file. */
    fill(): void;
    cleanup(): void;
}

/**
 * A small tmpfs that fills up, where this user may mount one (root); elsewhere a file-size limit (`ulimit -f`, the
 * shell's 512-byte blocks) that makes the same write fail. Either way the write of the new file fails part way.
 */
function fullDisk(): FullDisk {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-full-disk-"));
    const mounted = IS_ROOT && spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]).status === 0;
    if (mounted) {
        return {
            dir,
            reason: "no space left on device \\(ENOSPC\\)",
            spawn: {},
            fill() {
                // Pages until the disk is full, then one page back: the lock file fits, the stack file does not.
                for (let page = 0; ; page++) {
                    try {
                        fs.writeFileSync(path.join(dir, `.filler-${page}`), Buffer.alloc(4096));
                    } catch {
                        fs.rmSync(path.join(dir, `.filler-${page}`), { force: true });
                        fs.rmSync(path.join(dir, ".filler-0"));
                        return;
                    }
                }
            },
            cleanup: () => {
                spawnSync("umount", [dir]);
                fs.rmSync(dir, { recursive: true, force: true });
            },
        };
    }
    return {
        dir,
        reason: "file too large \\(EFBIG\\)",
        // Two 512-byte blocks: room for the lock file, not for the stack file.
        spawn: { fileSizeBlocks: 2 },
        fill: () => undefined,
        cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}
