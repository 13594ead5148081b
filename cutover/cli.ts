/**
 * `npm run cutover [-- --write]`: prints the cutover runbook generated from the stacks, their plans and the estate
 * file, or writes it to docs/cutover.md (atomically). Exit 0 done, 2 bad usage or input.
 */
import * as path from "path";
import { parseArgs } from "util";
import { EstateError } from "../adoption/estate/read";
import { writeFileAtomically } from "../adoption/estate/write";
import { projectDir, ProjectNotFoundError, readStackFile, stackFilePath, StackFileError, StackConfigError } from "../config";
import { evaluateStack, type StackPlan } from "../offline/evaluate";
import { committedConfigs, runbookInput } from "./input";
import { cutoverRunbook } from "./runbook";

export const USAGE = `usage: npm run cutover [-- --write]

Prints the cutover runbook (docs/cutover.md): the order of Bilko's cutover from the estate that runs today
(estate/<project>.yaml) to bilko-managed stage, demo and prod, every name taken from the stack files.

  --write     write it to docs/cutover.md instead of printing it
  -h, --help  show this help

exit status: 0 done, 2 bad usage or input (a stack file or the estate file)`;

export const RUNBOOK_FILE = path.join("docs", "cutover.md");

export async function main(argv: string[], output = { out: (text: string) => console.log(text), err: (text: string) => console.error(text) }): Promise<number> {
    let write: boolean;
    try {
        const parsed = parseArgs({ args: argv, options: { write: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } } });
        if (parsed.values.help) {
            output.out(USAGE);
            return 0;
        }
        write = parsed.values.write ?? false;
    } catch (error) {
        output.err(`cutover: ${(error as Error).message}; run \`npm run cutover -- --help\` for usage`);
        return 2;
    }
    try {
        const directory = projectDir();
        const configs = committedConfigs(directory);
        const plans: StackPlan[] = [];
        for (const config of configs) {
            const values = readStackFile(stackFilePath(directory, config.stack));
            plans.push(await evaluateStack({ stack: config.stack, file: config.file, knownStacks: configs.map((known) => known.stack), ...values }));
        }
        const text = cutoverRunbook(runbookInput(directory, configs, plans));
        if (write) {
            writeFileAtomically(path.join(directory, RUNBOOK_FILE), text);
            output.err(`cutover: wrote ${RUNBOOK_FILE}`);
        } else {
            output.out(text);
        }
        return 0;
    } catch (error) {
        if (error instanceof EstateError || error instanceof StackFileError || error instanceof StackConfigError || error instanceof ProjectNotFoundError) {
            output.err(`cutover: ${error.message}`);
            return 2;
        }
        throw error;
    }
}
