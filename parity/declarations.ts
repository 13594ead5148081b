/**
 * `parity.yaml`: the differences between stacks that are meant to be there, each with the stack pairs it holds for
 * and why. Read and checked before any stack is evaluated; a malformed file is refused with one line naming the
 * file and the key.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";
import { show } from "../common/text";
import { ParityRefusal } from "./errors";

/** The property of a resource that exists in one stack only. */
export const RESOURCE_PROPERTY = "(resource)";

export interface Declaration {
    /** Its position in the file, as messages name it: `differences[<index>]`. */
    index: number;
    /** Unordered stack pairs it holds for. */
    pairs: Array<readonly [string, string]>;
    /** Logical resource name as the report prints it; `*` matches any run of characters. */
    resource: string;
    /** Property path as the report prints it (covering everything under it); `*` as above; or `(resource)`. */
    property: string;
    reason: string;
}

export interface Declarations {
    /** File name used in messages (`parity.yaml`). */
    file: string;
    entries: Declaration[];
}

const PAIR = /^([^/\s]+)\/([^/\s]+)$/;

const entrySchema = z.strictObject({
    pairs: z
        .array(z.string().regex(PAIR, { error: (issue) => `expected "<stack>/<stack>" such as "demo/prod", got ${show(issue.input)}` }))
        .min(1, { error: "expected at least one stack pair" }),
    resource: z.string().min(1, { error: "expected a resource name (or a pattern with *)" }),
    property: z.string().min(1, { error: "expected a property path (or a pattern with *, or (resource))" }),
    reason: z.string().trim().min(1, { error: "expected a reason: why this difference is intended" }),
});

const fileSchema = z.strictObject({ differences: z.array(entrySchema) });

/** Reads and checks the declarations against the project's stacks; throws `ParityRefusal` (exit 2) naming the key. */
export function readDeclarations(file: string, knownStacks: readonly string[]): Declarations {
    const name = path.basename(file);
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new ParityRefusal(`${name}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 2);
    }
    return parseDeclarations(text, name, knownStacks);
}

export function parseDeclarations(text: string, name: string, knownStacks: readonly string[]): Declarations {
    let document: unknown;
    try {
        document = parse(text);
    } catch (error) {
        throw new ParityRefusal(`${name}: not valid YAML: ${(error as Error).message.split("\n")[0].replace(/:$/, "")}`, 2);
    }
    const parsed = fileSchema.safeParse(document ?? {}, { reportInput: true });
    if (!parsed.success) {
        const issue = parsed.error.issues.find((candidate) => candidate.code === "unrecognized_keys") ?? parsed.error.issues[0];
        const at = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
        throw refusal(name, at, describe(issue));
    }
    const entries = parsed.data.differences.map((entry, index): Declaration => ({
        index,
        pairs: entry.pairs.map((text, at) => {
            const [, a, b] = PAIR.exec(text)!;
            const problem = pairProblem(a, b, knownStacks);
            if (problem !== undefined) {
                throw refusal(name, ["differences", index, "pairs", at], problem);
            }
            return [a, b] as const;
        }),
        resource: entry.resource,
        property: entry.property,
        reason: entry.reason.trim(),
    }));
    refuseDuplicates(entries, name);
    return { file: name, entries };
}

function pairProblem(a: string, b: string, knownStacks: readonly string[]): string | undefined {
    const unknown = [a, b].find((stack) => !knownStacks.includes(stack));
    if (unknown !== undefined) {
        return `unknown stack "${unknown}" (stacks: ${knownStacks.join(", ")})`;
    }
    return a === b ? `"${a}/${b}" pairs a stack with itself` : undefined;
}

/** The same resource and property declared twice for one pair: one of the two could never be stale. */
function refuseDuplicates(entries: readonly Declaration[], name: string): void {
    const seen = new Map<string, number>();
    for (const entry of entries) {
        for (const [at, [a, b]] of entry.pairs.entries()) {
            const key = JSON.stringify([pairKey(a, b), entry.resource, entry.property]);
            const first = seen.get(key);
            if (first !== undefined && first !== entry.index) {
                throw refusal(name, ["differences", entry.index, "pairs", at], `${a}/${b} ${entry.resource} ${entry.property} is already declared by differences[${first}]`);
            }
            seen.set(key, entry.index);
        }
    }
}

/** The same key for `a/b` and `b/a`: a declaration holds in both directions. */
export function pairKey(a: string, b: string): string {
    return [a, b].sort().join("/");
}

function refusal(name: string, at: readonly PropertyKey[], reason: string): ParityRefusal {
    return new ParityRefusal(`${name}: ${keyPath(at)}: ${reason}`, 2);
}

/** `differences[3].pairs[1]`; the whole file is `(top level)`. */
function keyPath(at: readonly PropertyKey[]): string {
    if (at.length === 0) {
        return "(top level)";
    }
    const [head, ...rest] = at.map(String);
    return rest.reduce((text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : `${text}.${part}`), head);
}

function describe(issue: z.core.$ZodIssue): string {
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
        case "unrecognized_keys":
            return issue.path.length === 0 ? "unknown key (the file holds one list, differences)" : "unknown key (an entry has pairs, resource, property and reason)";
        case "invalid_type":
            return input === undefined ? "missing required key" : `expected ${issue.expected}, got ${show(input)}`;
        default:
            return issue.message;
    }
}
