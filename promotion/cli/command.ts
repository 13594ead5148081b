/**
 * What `npm run promote` and `npm run rollback` share: the context they run in, their options, the report they print,
 * and how they end: one line and an exit status from errors.ts, nothing printed or written half way.
 */
import { parseArgs, type ParseArgsConfig } from "util";
import { FileError, unsafeCharacter } from "../../common";
import { KEYS, projectDir, ProjectNotFoundError, type StackConfig } from "../../config";
import { lineDiff } from "./diff";
import { BadInput, Interrupted, Refusal } from "./errors";
import type { Change, Decision } from "../guards";
import { toolTimeoutMs, type ToolContext } from "./pulumiCli";
import { StackFileEdit } from "./stackFileEdit";

/** Where a command runs and prints: this process's by default; tests run commands in-process with their own. */
export interface CommandContext {
    /** The project is found from here, and outside commands run here. */
    cwd: string;
    env: NodeJS.ProcessEnv;
    now: Date;
    out(text: string): void;
    err(text: string): void;
}

/** One run of a command: its project, its outside commands' limits, and its output. */
export interface Session {
    readonly dir: string;
    readonly tools: ToolContext;
    now: Date;
    out(text: string): void;
}

export const COMMON_OPTIONS = {
    service: { type: "string", multiple: true },
    "dry-run": { type: "boolean", default: false },
    force: { type: "boolean", default: false },
    reason: { type: "string", multiple: true },
    help: { type: "boolean", short: "h", default: false },
} as const;

export function parseCommand<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
    try {
        return parseArgs(config);
    } catch (error) {
        throw new BadInput((error as Error).message);
    }
}

/** A value option given at most once: a repeated one is refused rather than silently replaced by the last. */
export function single(values: string[] | undefined, option: string): string | undefined {
    if (values && values.length > 1) {
        throw new BadInput(`${option} given ${values.length} times (${values.map((value) => JSON.stringify(value)).join(", ")}); give it once`);
    }
    return values?.[0];
}

/** One positional stack name, `--force` only with a reason, and a reason every YAML reader reads alike. */
export function checkCommon(positionals: string[], force: boolean, reason: string | undefined): string {
    if (positionals.length !== 1) {
        throw new BadInput(`expected exactly one stack, got ${positionals.length === 0 ? "none" : positionals.join(" ")}`);
    }
    if (force && !reason?.trim()) {
        throw new BadInput(`--force needs --reason "<why>": the reason is recorded in ${KEYS.releases}`);
    }
    const unsafe = reason === undefined ? undefined : unsafeCharacter(reason);
    if (unsafe) {
        throw new BadInput(`--reason contains ${unsafe}, which YAML readers do not all read alike (the Pulumi CLI would not read it back as written); use plain text on one line`);
    }
    return positionals[0];
}

/** `--service a,b --service c`: every name given (merged), checked against the stack's services; all by default. */
export function selectServices(config: StackConfig, options: string[] | undefined): string[] {
    const known = Object.keys(config.services);
    if (options === undefined) {
        return known;
    }
    const selected = [...new Set(options.flatMap((option) => option.split(",")).map((name) => name.trim()).filter((name) => name.length > 0))];
    const unknown = selected.find((name) => !known.includes(name));
    if (unknown !== undefined || selected.length === 0) {
        throw new BadInput(`unknown service ${JSON.stringify(unknown ?? options.join(","))} in ${config.file} (services: ${known.join(", ")})`);
    }
    return selected;
}

/** Refuses a decision with guard problems unless forced; forced ones are listed with the report. */
export function enforce(decision: Decision, force: boolean, retry: string): void {
    if (decision.problems.length > 0 && !force) {
        throw new Refusal(`${decision.problems.join("; ")}; to go ahead anyway: ${retry} --force --reason "<why>"`);
    }
}

export const describeChange = (change: Change): string => `${change.service} ${change.from} -> ${change.to}`;

/**
 * Opens the stack file for the body and lets go of it afterwards. A command that writes holds the file's lock from
 * before it reads the file until it is done: long enough for every outside command it runs, whose limits bound it.
 */
export async function withStackFile<T>(session: Session, stack: string, command: string, dryRun: boolean, body: (edit: StackFileEdit) => Promise<T>): Promise<T> {
    const lock = dryRun ? undefined : { command, maxAgeMs: 3 * session.tools.timeoutMs + 60_000 };
    const edit = StackFileEdit.open(session.dir, stack, { lock });
    try {
        return await body(edit);
    } finally {
        edit.release();
    }
}

export interface Report {
    edit: StackFileEdit;
    headline: string;
    decision?: Decision;
    dryRun: boolean;
    commitMessage: string;
    after?: string[];
}

/** Writes the file unless `--dry-run`, then prints what changed and what to run next: nothing is printed before. */
export function writeAndReport(session: Session, report: Report): void {
    const { edit, decision } = report;
    const text = edit.text();
    const diff = lineDiff(edit.original, text);
    if (!report.dryRun) {
        edit.save(text);
    }
    const stack = edit.config.stack;
    session.out(
        [
            report.headline,
            ...(decision?.changes.filter((change) => change.forcedPast).map((change) => `  forced: ${change.service}: ${change.forcedPast}`) ?? []),
            ...(decision?.skipped.map(({ service, problem }) => `  skipped: ${service}: ${problem} (nothing written for it)`) ?? []),
            `--- ${edit.name}`,
            diff,
            ...(report.dryRun
                ? ["dry run: nothing written"]
                : [
                      `wrote ${edit.name}; next:`,
                      `  git commit -m ${JSON.stringify(report.commitMessage)} ${edit.name}`,
                      `  pulumi preview --stack ${stack}`,
                      `  pulumi up --stack ${stack}`,
                      ...(report.after ?? []).map((line) => `  ${line}`),
                  ]),
        ].join("\n"),
    );
}

/** Every failure is one line, whatever text it quotes. */
function oneLine(message: string): string {
    return message.replace(/\s*[\r\n]+\s*/g, " ");
}

const PROCESS_CONTEXT = (): CommandContext => ({
    cwd: process.cwd(),
    env: process.env,
    now: new Date(),
    out: (text) => console.log(text),
    err: (text) => console.error(text),
});

/**
 * Runs a command and turns every expected failure into one line and its exit status. SIGINT and SIGTERM stop the
 * outside command that is running (and its children) and end the command with 128 + the signal's number.
 */
export async function run(command: string, given: Partial<CommandContext>, body: (session: Session) => Promise<number>): Promise<number> {
    const context = { ...PROCESS_CONTEXT(), ...given };
    const interrupt = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => interrupt.abort(new Interrupted(signal));
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    let dir: string | undefined;
    let tools: ToolContext | undefined;
    // Looked up on first use, so `--help` answers anywhere.
    const session: Session = {
        get dir() {
            return (dir ??= projectDir(context.cwd));
        },
        get tools() {
            return (tools ??= { cwd: this.dir, env: context.env, timeoutMs: toolTimeoutMs(context.env), signal: interrupt.signal });
        },
        now: context.now,
        out: context.out,
    };
    try {
        return await body(session);
    } catch (error) {
        if (error instanceof Refusal || error instanceof BadInput || error instanceof Interrupted) {
            context.err(oneLine(`${command}: ${error instanceof Refusal ? "refused: " : ""}${error.message}`));
            return error.exitCode;
        }
        if (error instanceof ProjectNotFoundError || error instanceof FileError) {
            context.err(oneLine(`${command}: ${error.message}`));
            return new BadInput(error.message).exitCode;
        }
        throw error;
    } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
    }
}
