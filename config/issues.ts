/** Turns zod's issues into the one-line reason users read, naming the key path as it is written in the stack file. */
import { z } from "zod";
import { closest } from "../common/suggest";
import { show } from "../common/text";
import { schema } from "./schema";

export type Issue = z.core.$ZodIssue;

/** Typos first: an unknown key usually explains the "missing" one next to it. */
export function firstIssue(issues: readonly Issue[]): Issue {
    return issues.find((issue) => issue.code === "unrecognized_keys") ?? issues[0];
}

/** Unknown keys are reported on their parent object: point at the key itself. */
export function issuePath(issue: Issue): PropertyKey[] {
    return issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
}

export function keyPath(path: readonly PropertyKey[]): string {
    const [head, ...rest] = path.map(String);
    return rest.reduce((text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : `${text}.${part}`), head);
}

export function describeIssue(issue: Issue): string {
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
        case "unrecognized_keys": {
            const suggestion = closest(issue.keys[0], schemaKeysAt(issue.path));
            return `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`;
        }
        case "invalid_type":
            return input === undefined ? "missing required key" : `expected ${issue.expected}, got ${show(input)}`;
        case "invalid_value":
            return `expected one of ${issue.values.map((value) => show(value)).join(", ")}, got ${show(input)}`;
        case "too_small":
        case "too_big":
            return rangeMessage(issue, input);
        case "invalid_key":
            return issue.issues[0]?.message ?? issue.message;
        default:
            return issue.message;
    }
}

function rangeMessage(issue: Issue & { code: "too_small" | "too_big" }, input: unknown): string {
    if (issue.origin === "number") {
        return issue.code === "too_small" ? `expected at least ${issue.minimum}, got ${show(input)}` : `expected at most ${issue.maximum}, got ${show(input)}`;
    }
    return issue.code === "too_small" ? `expected at least ${issue.minimum} item(s)` : `expected at most ${issue.maximum} item(s)`;
}

/** The key names the schema allows in the object at `path`, so a typo can be matched against them. */
function schemaKeysAt(path: readonly PropertyKey[]): string[] {
    let node: z.ZodType | undefined = schema;
    for (const part of path) {
        node = childSchema(node, String(part));
    }
    return Object.keys(shapeOf(node) ?? {});
}

function childSchema(node: z.ZodType | undefined, key: string): z.ZodType | undefined {
    const inner = unwrap(node);
    if (inner instanceof z.ZodRecord) {
        return inner.valueType as z.ZodType;
    }
    if (inner instanceof z.ZodArray) {
        return inner.element as z.ZodType;
    }
    return shapeOf(inner)?.[key];
}

function shapeOf(node: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
    const inner = unwrap(node);
    return inner instanceof z.ZodObject ? inner.shape : undefined;
}

function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
    let current = node;
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPipe) {
        // A preprocessed key (`adopt: true` or a mapping) checks its value with the pipe's output schema.
        current = (current instanceof z.ZodPipe ? current.out : current.unwrap()) as z.ZodType;
    }
    return current;
}
