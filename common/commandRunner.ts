/**
 * Runs an outside command (pulumi, git, gcloud) so that it can never hang the tool or outlive it: a time limit, a cap
 * on what it may print, and on the limit, on an interrupt or when it exits, its whole process group is stopped (a
 * child it started cannot keep it alive by holding the output pipe). Every failure is one line naming the command.
 */
import { spawn, type ChildProcess } from "child_process";

export type CommandFailure = "missing" | "timeout" | "signal" | "exit" | "too-much-output" | "not-utf8";

export class CommandError extends Error {
    constructor(
        readonly failure: CommandFailure,
        message: string,
    ) {
        super(message);
        this.name = "CommandError";
    }
}

/** The run was stopped because `signal` aborted (the user's Ctrl-C); carries the abort reason. */
export class CommandAborted extends Error {
    constructor(readonly reason: unknown) {
        super("aborted");
        this.name = "CommandAborted";
    }
}

export interface RunOptions {
    cwd: string;
    env: NodeJS.ProcessEnv;
    /** How long the command may take before it is stopped. */
    timeoutMs: number;
    /** How much it may print on stdout before it is stopped. @default 64 MiB */
    maxOutputBytes?: number;
    /** Aborting stops the command (and its children) and rejects with CommandAborted. */
    signal?: AbortSignal;
    /** What the limit is called, for the timeout message (e.g. an environment variable). */
    timeoutSetting?: string;
    /** After SIGTERM, how long the command gets before SIGKILL. @default 1 s */
    killGraceMs?: number;
    /** How messages name the command. @default the whole command line */
    label?: string;
}

const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;
const KILL_GRACE_MS = 1000;
const STDERR_KEPT = 16 * 1024;

/** The command's stdout (UTF-8) when it exits 0; a CommandError or CommandAborted otherwise. */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<string> {
    const line = options.label ?? [command, ...args].join(" ");
    const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    const grace = options.killGraceMs ?? KILL_GRACE_MS;
    return new Promise((resolve, reject) => {
        if (options.signal?.aborted) {
            reject(new CommandAborted(options.signal.reason));
            return;
        }
        const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
        const stdout: Buffer[] = [];
        let printed = 0;
        let stderr = "";
        let stopped: Error | undefined;
        let settled = false;
        const timers: NodeJS.Timeout[] = [];

        const finish = (outcome: () => void) => {
            if (settled) {
                return;
            }
            settled = true;
            timers.forEach(clearTimeout);
            options.signal?.removeEventListener("abort", onAbort);
            child.stdout?.destroy();
            child.stderr?.destroy();
            child.unref();
            outcome();
        };
        const stop = (why: Error) => {
            if (stopped) {
                return;
            }
            stopped = why;
            killGroup(child, "SIGTERM");
            timers.push(setTimeout(() => killGroup(child, "SIGKILL"), grace));
            // Whatever still holds the pipes after SIGKILL (it left the group) is no reason to wait any longer.
            timers.push(setTimeout(() => finish(() => reject(why)), 2 * grace));
        };
        function onAbort(): void {
            stop(new CommandAborted(options.signal?.reason));
        }

        options.signal?.addEventListener("abort", onAbort, { once: true });
        timers.push(
            setTimeout(() => {
                const seconds = options.timeoutMs / 1000;
                stop(new CommandError("timeout", `${line}: no answer within ${seconds} s, stopped it${options.timeoutSetting ? ` (${options.timeoutSetting} sets the limit)` : ""}`));
            }, options.timeoutMs),
        );
        child.stdout.on("data", (chunk: Buffer) => {
            printed += chunk.length;
            if (printed > maxOutput) {
                stop(new CommandError("too-much-output", `${line}: printed more than ${maxOutput / (1024 * 1024)} MiB, stopped it`));
            } else if (!stopped) {
                stdout.push(chunk);
            }
        });
        child.stderr.on("data", (chunk: Buffer) => {
            if (stderr.length < STDERR_KEPT) {
                stderr += chunk.toString("utf8");
            }
        });
        child.on("error", (error: NodeJS.ErrnoException) => {
            const missing = error.code === "ENOENT";
            finish(() => reject(new CommandError(missing ? "missing" : "exit", missing ? `${command} is not on PATH` : `${line}: ${error.message}`)));
        });
        // Anything the command started and left behind would hold our pipes open: stop it with the command.
        child.on("exit", () => killGroup(child, "SIGKILL"));
        child.on("close", (code: number | null, signal: NodeJS.Signals | null) =>
            finish(() => {
                if (stopped) {
                    reject(stopped);
                } else if (signal) {
                    reject(new CommandError("signal", `${line}: killed by ${signal}`));
                } else if (code !== 0) {
                    const firstLine = stderr.split("\n").find((text) => text.trim().length > 0)?.trim();
                    reject(new CommandError("exit", `${line} failed: ${firstLine ?? `exit status ${code}`}`));
                } else {
                    decode(Buffer.concat(stdout), line).then(resolve, reject);
                }
            }),
        );
    });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined) {
        return;
    }
    try {
        process.kill(-child.pid, signal);
    } catch {
        // The group is gone already.
    }
}

function decode(bytes: Buffer, line: string): Promise<string> {
    try {
        return Promise.resolve(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
        return Promise.reject(new CommandError("not-utf8", `${line}: printed something that is not UTF-8 text`));
    }
}
