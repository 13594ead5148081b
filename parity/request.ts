/** What `npm run parity` is asked to do: its arguments, checked against the project's stacks. Loads no Pulumi package. */
import * as path from "path";
import { parseArgs } from "util";
import { projectDir, projectStacks } from "../config";
import { UsageError } from "./errors";

/** The declarations file, at the top of the project. */
export const DECLARATIONS_FILE = "parity.yaml";

export const USAGE = `usage: npm run parity -- <stackA> <stackB> [--json] [--declarations <file>]

Evaluates both stacks offline (as npm run plan does) and compares every input of every resource,
pairing resources by their logical name. What differs by construction is normalised first: each
stack's own hostnames, database instance, revision names and environment in names, and the image
digests when one stack is the other's upstream and the digest ran there. Every other difference
is printed as: resource  property  <stackA value>  <stackB value>
and must be declared, with a reason, in ${DECLARATIONS_FILE}.

  --json                 print {"stacks","declarations","differences":[{"resource","property","a","b",
                         "declaration"}],"undeclared","stale":[{"declaration","resource","property","why"}]}
  --declarations <file>  read the intended differences from this file (default: ${DECLARATIONS_FILE})
  -h, --help             show this help

exit status: 0 every difference is declared, 1 an undeclared difference or a stale declaration
             (or the upstream guard refuses a stack), 2 usage, or an invalid stack file or ${DECLARATIONS_FILE}`;

export interface ParityRequest {
    a: string;
    b: string;
    json: boolean;
    /** Absolute path of the declarations file. */
    declarations: string;
}

export function parseParityArgs(argv: string[]): ParityRequest | "help" {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            options: {
                json: { type: "boolean", default: false },
                declarations: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (parsed.values.help) {
        return "help";
    }
    if (parsed.positionals.length !== 2) {
        throw new UsageError(`expected two stacks to compare, got ${parsed.positionals.length}: e.g. \`npm run parity -- demo prod\``);
    }
    const [a, b] = parsed.positionals;
    const directory = projectDir();
    const known = projectStacks(directory);
    const unknown = [a, b].find((stack) => !known.includes(stack));
    if (unknown !== undefined) {
        throw new UsageError(`unknown stack "${unknown}": no Pulumi.${unknown}.yaml (stacks: ${known.join(", ")})`);
    }
    if (a === b) {
        throw new UsageError(`"${a}" twice: name two different stacks`);
    }
    const declarations = path.resolve(parsed.values.declarations ?? path.join(directory, DECLARATIONS_FILE));
    return { a, b, json: parsed.values.json ?? false, declarations };
}
