import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommandAborted, CommandError, runCommand, type RunOptions } from "../../common/commandRunner";
import { isRunning } from "../promotion/cli/support";

/** `sh -c script` under the runner, with a short limit; pids the script records land in `pids`. */
function sh(script: string, options: Partial<RunOptions> = {}): Promise<string> {
    return runCommand("sh", ["-c", script], { cwd: os.tmpdir(), env: process.env, timeoutMs: 300, ...options });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (error) {
        return error as Error;
    }
    return assert.fail("expected the command to fail");
}

describe("the command runner", () => {
    let pids: string;
    beforeEach(() => (pids = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bilko-runner-")), "pids")));
    afterEach(() => fs.rmSync(path.dirname(pids), { recursive: true, force: true }));
    const recorded = () => fs.readFileSync(pids, "utf8").trim().split("\n").map(Number);

    it("stops a command that never answers, and the child it started that holds the output pipe", async () => {
        const error = await failure(sh(`sleep 60 & echo $! >> ${pids}; echo $$ >> ${pids}; wait`, { timeoutSetting: "BILKO_TOOL_TIMEOUT_SECONDS" }));
        assert.ok(error instanceof CommandError && error.failure === "timeout");
        assert.match(error.message, /^sh -c sleep 60 .*: no answer within 0\.3 s, stopped it \(BILKO_TOOL_TIMEOUT_SECONDS sets the limit\)$/);
        assert.deepStrictEqual(recorded().filter(isRunning), [], "nothing it started is left running");
    });

    it("kills a command that ignores SIGTERM", async () => {
        const error = await failure(sh(`trap '' TERM; echo $$ >> ${pids}; sleep 60`, { killGraceMs: 100 }));
        assert.ok(error instanceof CommandError && error.failure === "timeout");
        assert.deepStrictEqual(recorded().filter(isRunning), []);
    });

    it("does not wait for a child left behind by a command that exited", async () => {
        assert.strictEqual(await sh(`(sleep 60 & echo $! >> ${pids}); echo answer`, { timeoutMs: 5000 }), "answer\n");
        // SIGKILL is sent to the group as the command exits; the kernel may take a moment to finish the child off.
        assert.deepStrictEqual(await stillRunningAfter(recorded(), 2000), []);
    });

    it("names the signal that killed a command, not an exit status", async () => {
        const error = await failure(sh("kill -SEGV $$"));
        assert.ok(error instanceof CommandError && error.failure === "signal");
        assert.match(error.message, /: killed by SIGSEGV$/);
    });

    it("stops a command that prints more than it may", async () => {
        const error = await failure(sh("head -c 3000000 /dev/zero", { timeoutMs: 5000, maxOutputBytes: 1024 * 1024 }));
        assert.ok(error instanceof CommandError && error.failure === "too-much-output");
        assert.match(error.message, /: printed more than 1 MiB, stopped it$/);
    });

    it("reads an answer bigger than a pipe's buffer in full", async () => {
        assert.strictEqual((await sh("head -c 3000000 /dev/zero | tr '\\0' x", { timeoutMs: 5000 })).length, 3000000);
    });

    it("reports a failed command by the first line it wrote to stderr, or its exit status", async () => {
        assert.match((await failure(sh("echo; echo 'error: no stack named stage found' >&2; echo more >&2; exit 255"))).message, /^sh -c .* failed: error: no stack named stage found$/);
        assert.match((await failure(sh("exit 3"))).message, /failed: exit status 3$/);
    });

    it("refuses output that is not UTF-8, and says when the command is missing", async () => {
        assert.ok((await failure(sh("printf '\\351'"))) instanceof CommandError);
        const missing = await failure(runCommand("bilko-no-such-command", [], { cwd: os.tmpdir(), env: process.env, timeoutMs: 1000 }));
        assert.ok(missing instanceof CommandError && missing.failure === "missing");
        assert.strictEqual(missing.message, "bilko-no-such-command is not on PATH");
    });

    it("stops the command when aborted, with the abort's reason", async () => {
        const interrupt = new AbortController();
        const running = sh(`echo $$ >> ${pids}; sleep 60`, { timeoutMs: 10000, signal: interrupt.signal });
        setTimeout(() => interrupt.abort("the user's Ctrl-C"), 100);
        const error = await failure(running);
        assert.ok(error instanceof CommandAborted && error.reason === "the user's Ctrl-C");
        assert.deepStrictEqual(recorded().filter(isRunning), []);
        assert.ok((await failure(sh("echo never", { signal: interrupt.signal }))) instanceof CommandAborted, "an aborted run starts nothing more");
    });
});

/** The pids of `pids` still running after waiting up to `ms` for them to end. */
async function stillRunningAfter(pids: number[], ms: number): Promise<number[]> {
    const deadline = Date.now() + ms;
    while (pids.some(isRunning) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return pids.filter(isRunning);
}
