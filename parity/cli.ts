/**
 * `npm run parity -- <stackA> <stackB> [--json] [--declarations <file>]`: every way two stacks differ, held
 * against the intended differences in `parity.yaml`. Exit 0 every difference declared, 1 an undeclared difference
 * or a stale declaration (or the upstream guard refuses a stack), 2 usage or invalid input. Usage, `--help` and a
 * malformed `parity.yaml` answer without loading Pulumi.
 */
import { projectStacks } from "../config";
import { readDeclarations } from "./declarations";
import { ParityRefusal, UsageError } from "./errors";
import type { StackSide } from "./normalise";
import { renderJson, renderTable, summary } from "./render";
import { parseParityArgs, USAGE } from "./request";
import { judge, passes } from "./verdict";

/** Where the report goes: stdout and stderr by default; tests capture both. */
export interface ParityOutput {
    out(text: string): void;
    err(text: string): void;
}

/** Evaluates the two stacks; the default reads the project's stack files (tests answer from shared evaluations). */
export type EvaluateSides = (a: string, b: string) => Promise<[StackSide, StackSide]>;

const CONSOLE: ParityOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

export async function main(argv: string[], output: ParityOutput = CONSOLE, evaluate?: EvaluateSides): Promise<number> {
    try {
        const request = parseParityArgs(argv);
        if (request === "help") {
            output.out(USAGE);
            return 0;
        }
        const declarations = readDeclarations(request.declarations, projectStacks());
        const evaluateSides = evaluate ?? (await import("./evaluate")).evaluateSides;
        const { compareStacks } = await import("./compare");
        const [a, b] = await evaluateSides(request.a, request.b);
        const verdict = judge(compareStacks(a, b), declarations, request.a, request.b);
        output.out(request.json ? renderJson(verdict) : renderTable(verdict));
        if (passes(verdict)) {
            return 0;
        }
        output.err(`parity: ${summary(verdict)}`);
        return 1;
    } catch (error) {
        if (error instanceof ParityRefusal || error instanceof UsageError) {
            output.err(`parity: ${error.message}`);
            if (error instanceof UsageError) {
                output.err("run `npm run parity -- --help` for usage");
            }
            return error.exitCode;
        }
        throw error;
    }
}
