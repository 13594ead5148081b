/** What `npm run promote` and `npm run rollback` share: options, the report they print, and how they end. */
import { parseArgs, type ParseArgsConfig } from "util";
import { KEYS, ProjectNotFoundError, type StackConfig } from "../../config";
import { lineDiff } from "./diff";
import { BadInput, Refusal } from "./errors";
import type { Change, Decision } from "../guards";
import type { StackFileEdit } from "./stackFileEdit";

export const COMMON_OPTIONS = {
    service: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    force: { type: "boolean", default: false },
    reason: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
} as const;

export function parseCommand<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
    try {
        return parseArgs(config);
    } catch (error) {
        throw new BadInput((error as Error).message);
    }
}

/** One positional stack name, and `--force` only with a reason. */
export function checkCommon(positionals: string[], force: boolean, reason: string | undefined): string {
    if (positionals.length !== 1) {
        throw new BadInput(`expected exactly one stack, got ${positionals.length === 0 ? "none" : positionals.join(" ")}`);
    }
    if (force && !reason?.trim()) {
        throw new BadInput(`--force needs --reason "<why>": the reason is recorded in ${KEYS.releases}`);
    }
    return positionals[0];
}

/** `--service a,b`, checked against the stack's services; all of them by default. */
export function selectServices(config: StackConfig, option: string | undefined): string[] {
    const known = Object.keys(config.services);
    if (option === undefined) {
        return known;
    }
    const selected = [...new Set(option.split(",").map((name) => name.trim()).filter((name) => name.length > 0))];
    const unknown = selected.find((name) => !known.includes(name));
    if (unknown !== undefined || selected.length === 0) {
        throw new BadInput(`unknown service ${JSON.stringify(unknown ?? option)} in ${config.file} (services: ${known.join(", ")})`);
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

export interface Report {
    edit: StackFileEdit;
    headline: string;
    decision?: Decision;
    dryRun: boolean;
    commitMessage: string;
    after?: string[];
}

/** Prints what changes, writes the file unless `--dry-run`, and says what to run next. */
export function writeAndReport(report: Report): void {
    const { edit, decision } = report;
    const text = edit.text();
    console.log(report.headline);
    for (const change of decision?.changes.filter((change) => change.forcedPast) ?? []) {
        console.log(`  forced: ${change.service}: ${change.forcedPast}`);
    }
    for (const service of decision?.skipped ?? []) {
        console.log(`  skipped: ${service} (see the guard above; nothing written for it)`);
    }
    console.log(`--- ${edit.name}\n${lineDiff(edit.original, text)}`);
    if (report.dryRun) {
        console.log("dry run: nothing written");
        return;
    }
    edit.save(text);
    const stack = edit.config.stack;
    console.log(
        [
            `wrote ${edit.name}; next:`,
            `  git commit -m ${JSON.stringify(report.commitMessage)} ${edit.name}`,
            `  pulumi preview --stack ${stack}`,
            `  pulumi up --stack ${stack}`,
            ...(report.after ?? []).map((line) => `  ${line}`),
        ].join("\n"),
    );
}

/** Runs a command and turns its failure into one line and an exit status. */
export function run(command: string, body: () => number): number {
    try {
        return body();
    } catch (error) {
        if (error instanceof Refusal || error instanceof BadInput) {
            console.error(`${command}: ${error instanceof Refusal ? "refused: " : ""}${error.message}`);
            return error.exitCode;
        }
        if (error instanceof ProjectNotFoundError) {
            console.error(`${command}: ${error.message}`);
            return new BadInput(error.message).exitCode;
        }
        throw error;
    }
}
