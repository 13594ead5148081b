/** Reads and validates an estate file; a broken one is refused with one line naming the file and the key. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";
import { show } from "../../common/text";
import { estateSchema, LIVE_SCHEMAS, resourceLabel, type Estate } from "./schema";

export class EstateError extends Error {}

/** `estate/<gcp project>.yaml` in the project directory: where the plan and the inventory look by default. */
export function estatePath(directory: string, project: string): string {
    return path.join(directory, "estate", `${project}.yaml`);
}

/** The estate in `file`; `name` is how messages name the file. */
export function readEstate(file: string, name = file): Estate {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new EstateError(`${name}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    return estateFromText(text, name);
}

export function estateFromText(text: string, name: string): Estate {
    let document: unknown;
    try {
        document = parse(text);
    } catch (error) {
        throw new EstateError(`${name}: not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
    const parsed = estateSchema.safeParse(document, { reportInput: true });
    if (!parsed.success) {
        throw issueError(name, [], parsed.error.issues[0]);
    }
    const estate = parsed.data;
    const seen = new Set<string>();
    estate.resources.forEach((resource, index) => {
        const live = LIVE_SCHEMAS[resource.kind].safeParse(resource.live, { reportInput: true });
        if (!live.success) {
            throw issueError(name, ["resources", index, "live"], live.error.issues[0]);
        }
        const key = `${resource.kind} ${resource.location} ${resource.name}`;
        if (seen.has(key)) {
            throw new EstateError(`${name}: resources[${index}]: ${resourceLabel(resource)} in ${resource.location} is listed twice`);
        }
        seen.add(key);
    });
    return estate;
}

function issueError(name: string, prefix: PropertyKey[], issue: z.core.$ZodIssue): EstateError {
    const keys = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
    const where = [...prefix, ...keys].reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), "");
    const input = (issue as { input?: unknown }).input;
    const reason =
        issue.code === "unrecognized_keys"
            ? "unknown key"
            : issue.code === "invalid_type"
              ? input === undefined
                  ? "missing required key"
                  : `expected ${issue.expected}, got ${show(input)}`
              : issue.code === "invalid_value"
                ? `expected one of ${issue.values.map((value) => show(value)).join(", ")}, got ${show(input)}`
                : `${issue.message}${input === undefined ? "" : `, got ${show(input)}`}`;
    return new EstateError(`${name}: ${where || "(top level)"}: ${reason}`);
}
