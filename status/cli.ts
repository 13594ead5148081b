/**
 * `npm run status -- [<stack>...] [--json] [--html <file>]`: one board of what runs where. Exit 0 the board was
 * printed (and the page written); 2 bad usage, an unreadable stack file, pulumi failing or printing something
 * unexpected, or a page that cannot be written; 130/143 interrupted.
 */
import * as path from "path";
import { FileError, replaceFile } from "../common";
import { parseStackConfig, projectStacks, readStackFile, StackConfigError, stackFilePath, StackFileError } from "../config";
import { currentProgramHash } from "../promotion/programSource";
import { parseCommand, run, type CommandContext } from "../promotion/cli/command";
import { BadInput } from "../promotion/cli/errors";
import { board, type StackInput } from "./board";
import { renderHtml } from "./html";
import { readCommits, readStack } from "./read";
import { renderText } from "./render";

const USAGE = `usage: npm run status -- [<stack>...] [--json] [--html <file>]

One table, services x stacks (default: every stack, in promotion order): the digest each stack runs and the commit
of its sha-<commit> tag, when it was deployed and how long it has baked, whether it may be promoted into the next
stack now and, if not, which guard says no (upstream, bake, window, program), and whether the stack file names
another digest than the stack runs. Reads pulumi stack output and stack history of each stack, and the registry's
tags with gcloud (without gcloud the commits are left out, with a note).

  --json         print the board as JSON instead
  --html <file>  also write it as one self-contained HTML page
  -h, --help     show this help

exit status: 0 printed; 2 bad usage, an unreadable stack file, pulumi failing or unexpected, or a page that cannot be
written; 130/143 interrupted (SIGINT/SIGTERM).`;

export function main(argv: string[], context: Partial<CommandContext> = {}): Promise<number> {
    return run("status", context, async (session) => {
        const { values, positionals } = parseCommand({
            args: argv,
            options: { json: { type: "boolean", default: false }, html: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
            allowPositionals: true,
            strict: true,
        });
        if (values.help) {
            session.out(USAGE);
            return 0;
        }
        const known = projectStacks(session.dir);
        const unknown = positionals.find((stack) => !known.includes(stack));
        if (unknown !== undefined) {
            throw new BadInput(`unknown stack ${JSON.stringify(unknown)} (stacks: ${known.join(", ")})`);
        }
        const stacks = positionals.length > 0 ? known.filter((stack) => positionals.includes(stack)) : known;
        const inputs: StackInput[] = [];
        for (const stack of stacks) {
            inputs.push(await readStack(session.tools, session.dir, stackConfig(session.dir, stack, known)));
        }
        const notes: string[] = [];
        const services = [...new Set(inputs.flatMap((input) => Object.keys(input.config.services)))];
        const commits = inputs.length > 0 ? await readCommits(session.tools, inputs[0].config, services, notes) : {};
        const result = board({ stacks: inputs, commits, programHash: currentProgramHash(), now: session.now, notes });
        if (values.html !== undefined) {
            const file = path.resolve(context.cwd ?? process.cwd(), values.html);
            try {
                replaceFile(file, renderHtml(result));
            } catch (error) {
                throw error instanceof FileError ? new BadInput(error.message) : error;
            }
        }
        session.out(values.json ? JSON.stringify(result, undefined, 2) : renderText(result));
        return 0;
    });
}

function stackConfig(dir: string, stack: string, knownStacks: string[]) {
    try {
        return parseStackConfig(readStackFile(stackFilePath(dir, stack)).values, { stack, knownStacks });
    } catch (error) {
        throw error instanceof StackFileError || error instanceof StackConfigError ? new BadInput(error.message) : error;
    }
}
