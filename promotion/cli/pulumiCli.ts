/** The two Pulumi CLI reads the promotion tools need, with the exact JSON shapes of `--json`. */
import { execFileSync } from "child_process";
import { show, truncate } from "../../common/text";
import { BadInput } from "./errors";

/** `pulumi stack output --json --stack <stack>`: every output of the stack's last update, by name. */
export function stackOutputs(projectDir: string, stack: string): Record<string, unknown> {
    const args = ["stack", "output", "--json", "--stack", stack];
    const value = parseJson(args, runPulumi(projectDir, args));
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new BadInput(`pulumi ${args.join(" ")}: expected a JSON object of outputs, got ${preview(value)}`);
    }
    return value as Record<string, unknown>;
}

/**
 * When the stack's last successful deployment ended, from `pulumi stack history --json` (an array of updates with
 * `kind` such as "update", `result` "succeeded" or "failed", and RFC 3339 `startTime`/`endTime`); undefined when the
 * history holds none.
 */
export function lastSuccessfulDeployment(projectDir: string, stack: string): Date | undefined {
    const args = ["stack", "history", "--json", "--stack", stack];
    const updates = parseJson(args, runPulumi(projectDir, args));
    if (!Array.isArray(updates)) {
        throw new BadInput(`pulumi ${args.join(" ")}: expected a JSON array of updates, got ${preview(updates)}`);
    }
    let latest: Date | undefined;
    for (const update of updates as Array<Record<string, unknown>>) {
        if (update?.kind !== "update" || update.result !== "succeeded") {
            continue;
        }
        const ended = typeof update.endTime === "string" ? new Date(update.endTime) : undefined;
        if (!ended || Number.isNaN(ended.getTime())) {
            throw new BadInput(`pulumi ${args.join(" ")}: update ${String(update.version)} has no valid endTime (got ${preview(update.endTime)})`);
        }
        latest = latest && latest > ended ? latest : ended;
    }
    return latest;
}

function runPulumi(projectDir: string, args: string[]): string {
    try {
        return execFileSync("pulumi", args, { cwd: projectDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
        const failure = error as NodeJS.ErrnoException & { stderr?: string; status?: number };
        if (failure.code === "ENOENT") {
            throw new BadInput("the pulumi CLI is not on PATH (https://www.pulumi.com/docs/install/); log in to the state backend first");
        }
        const firstLine = (failure.stderr ?? "").split("\n").find((line) => line.trim().length > 0) ?? `exit status ${failure.status}`;
        throw new BadInput(`pulumi ${args.join(" ")} failed: ${firstLine.trim()}`);
    }
}

function parseJson(args: string[], text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        throw new BadInput(`pulumi ${args.join(" ")}: output is not JSON: ${preview(text)}`);
    }
}

/** Raw CLI text as it is, anything else as JSON; short either way. */
function preview(value: unknown): string {
    return typeof value === "string" ? truncate(value.trim(), 60) : show(value, 60);
}
