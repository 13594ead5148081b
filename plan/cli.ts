/**
 * `npm run plan -- [<stack>...] [--config <file>] [--estate <file>] [--json] [--emit-cloudbuild <dir>]`: the program
 * evaluated offline for each stack, as a table of every resource with its key settings (or one JSON document),
 * followed by the verdict of the bilko-guard policies on it and the estate check. Exit 0 fine, 1 a mandatory policy
 * is violated, the upstream guard refuses a digest or the estate check refuses, 2 invalid config or usage, an
 * unreadable file, a stack reference that cannot be answered, or cloudbuild files that cannot be written. A failure
 * prints one line and no plan. Usage and `--help` answer without loading Pulumi.
 */
import { FileError } from "../common/fileErrors";
import { PlanRefusal, UsageError } from "./errors";
import { parsePlanArgs, USAGE } from "./request";

/** Where the plan writes: stdout and stderr by default; tests capture both. */
export interface PlanOutput {
    out(text: string): void;
    err(text: string): void;
}

const CONSOLE: PlanOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

export async function main(argv: string[], output: PlanOutput = CONSOLE): Promise<number> {
    try {
        const request = parsePlanArgs(argv);
        if (request === "help") {
            output.out(USAGE);
            return 0;
        }
        const { planStacks, refusedStacks, unmanagedWarnings } = await import("./plan");
        const { renderJson, renderTable } = await import("./render");
        const plans = await planStacks(request);
        const unmanaged = unmanagedWarnings(plans, request);
        // The warnings about live resources no stack manages close the table, after every stack.
        const tables = [...plans.map(renderTable), ...(unmanaged.length > 0 ? [unmanaged.join("\n")] : [])];
        const rendered = request.json ? renderJson(plans, unmanaged) : tables.join("\n\n");
        // The files first: when they cannot be written, the one line saying so is all that is printed.
        let written: string[] | undefined;
        if (request.emitCloudbuild !== undefined) {
            const { writeCloudbuildFiles } = await import("./cloudbuildYaml");
            written = writeCloudbuildFiles(plans.flatMap((plan) => plan.resources), request.emitCloudbuild);
        }
        output.out(rendered);
        if (written) {
            output.err(`plan: wrote ${written.length} cloudbuild file(s)${written.length > 0 ? `: ${written.join(", ")}` : ""}`);
        }
        const refused = refusedStacks(plans);
        refused.forEach((line) => output.err(`plan: ${line}`));
        return refused.length > 0 ? 1 : 0;
    } catch (error) {
        if (error instanceof FileError) {
            output.err(`plan: ${error.message}`);
            return 2;
        }
        if (error instanceof PlanRefusal || error instanceof UsageError) {
            output.err(`plan: ${error.message}`);
            if (error instanceof UsageError) {
                output.err("run `npm run plan -- --help` for usage");
            }
            return error.exitCode;
        }
        throw error;
    }
}
