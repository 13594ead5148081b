/**
 * The two Pulumi CLI reads the promotion tools need, with the exact JSON shapes of `--json`: `pulumi stack output`
 * prints one JSON object of every output (`{}` when there are none), `pulumi stack history` a JSON array of updates
 * whose `startTime` and `endTime` are UTC with milliseconds (`2026-11-22T08:14:00.000Z`); `endTime` is absent while
 * an update is in progress. Each read runs under the tools' time limit.
 */
import { PROTOTYPE_KEY_REASON, prototypeKeyPath } from "../../common";
import { show } from "../../common/text";
import { CommandAborted, CommandError, runCommand, type CommandFailure } from "../../common/commandRunner";
import { BadInput } from "./errors";

/** Where and how long the tools may run outside commands. */
export interface ToolContext {
    cwd: string;
    env: NodeJS.ProcessEnv;
    timeoutMs: number;
    signal: AbortSignal;
}

export const TIMEOUT_VARIABLE = "BILKO_TOOL_TIMEOUT_SECONDS";
const DEFAULT_TIMEOUT_SECONDS = 120;

/** The time limit of every outside command: `BILKO_TOOL_TIMEOUT_SECONDS`, default 120. */
export function toolTimeoutMs(env: NodeJS.ProcessEnv): number {
    const text = env[TIMEOUT_VARIABLE];
    if (text === undefined || text === "") {
        return DEFAULT_TIMEOUT_SECONDS * 1000;
    }
    const seconds = Number(text);
    if (!Number.isFinite(seconds) || seconds <= 0) {
        throw new BadInput(`${TIMEOUT_VARIABLE}: expected a number of seconds above 0, got ${JSON.stringify(text)}`);
    }
    return seconds * 1000;
}

/** An outside command failed (exit 2), and how. */
export class ToolFailure extends BadInput {
    constructor(
        readonly failure: CommandFailure,
        message: string,
    ) {
        super(message);
    }
}

/** `command args` under the tools' limits; a failure is a one-line ToolFailure naming the command. */
export async function runTool(tools: ToolContext, command: string, args: string[], missingHint = ""): Promise<string> {
    try {
        return await runCommand(command, args, { cwd: tools.cwd, env: tools.env, timeoutMs: tools.timeoutMs, signal: tools.signal, timeoutSetting: TIMEOUT_VARIABLE });
    } catch (error) {
        if (error instanceof CommandError) {
            throw new ToolFailure(error.failure, error.failure === "missing" ? `${error.message}${missingHint}` : error.message);
        }
        throw error instanceof CommandAborted ? error.reason : error;
    }
}

/** `pulumi stack output --json --stack <stack>`: every output of the stack's last update, by name. */
export async function stackOutputs(tools: ToolContext, stack: string): Promise<Record<string, unknown>> {
    const args = ["stack", "output", "--json", "--stack", stack];
    const value = parseJson(args, await runPulumi(tools, args));
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new BadInput(`pulumi ${args.join(" ")}: expected a JSON object of outputs, got ${preview(value)}`);
    }
    return value as Record<string, unknown>;
}

/** Pulumi was written years after this; a time before it is no time Pulumi reported. */
const EARLIEST = Date.parse("2017-01-01T00:00:00Z");
/** Clocks disagree a little; a deployment ending further ahead than this is a clock or data error. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * When the stack's last successful deployment (`kind` "update", `result` "succeeded") ended; undefined when the
 * history holds none. An end time that is not RFC 3339, before 2017 or in the future is refused, never trusted.
 */
export async function lastSuccessfulDeployment(tools: ToolContext, stack: string, now: Date): Promise<Date | undefined> {
    const args = ["stack", "history", "--json", "--stack", stack];
    const updates = parseJson(args, await runPulumi(tools, args));
    if (!Array.isArray(updates)) {
        throw new BadInput(`pulumi ${args.join(" ")}: expected a JSON array of updates, got ${preview(updates)}`);
    }
    let latest: Date | undefined;
    for (const update of updates as Array<Record<string, unknown> | null>) {
        if (update?.kind !== "update" || update.result !== "succeeded") {
            continue;
        }
        const ended = typeof update.endTime === "string" && RFC3339.test(update.endTime) ? new Date(update.endTime) : undefined;
        if (!ended || Number.isNaN(ended.getTime()) || ended.getTime() < EARLIEST) {
            throw new BadInput(`pulumi ${args.join(" ")}: update ${String(update.version)} has no valid endTime (got ${preview(update.endTime)})`);
        }
        if (ended.getTime() > now.getTime() + CLOCK_SKEW_MS) {
            const hours = ((ended.getTime() - now.getTime()) / 3600000).toFixed(1);
            throw new BadInput(`pulumi ${args.join(" ")}: update ${String(update.version)} ended at ${String(update.endTime)}, ${hours} h in the future: is this machine's clock right?`);
        }
        latest = latest && latest > ended ? latest : ended;
    }
    return latest;
}

function runPulumi(tools: ToolContext, args: string[]): Promise<string> {
    return runTool(tools, "pulumi", args, " (https://www.pulumi.com/docs/install/); log in to the state backend first");
}

function parseJson(args: string[], text: string): unknown {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        throw new BadInput(`pulumi ${args.join(" ")}: output is not JSON (${text.length} characters): ${preview(text)}`);
    }
    const prototypeKey = prototypeKeyPath(value);
    if (prototypeKey) {
        throw new BadInput(`pulumi ${args.join(" ")}: ${prototypeKey.join(".")}: ${PROTOTYPE_KEY_REASON}`);
    }
    return value;
}

/** A value quoted as JSON (raw CLI text too, so a line break shows as \n and the message stays one line), short. */
function preview(value: unknown): string {
    return show(typeof value === "string" ? value.trim() : value, 60);
}
