/**
 * A small interpreter of the Go text/template language, for the subset the notifier templates use: text, actions
 * printing a pipeline, `if`/`else if`/`else`/`end`, `with`, `range`, `$x := ...` and `$x = ...`, parentheses, and the
 * functions `and`, `or`, `not`, `eq`, `gt`, `len`, `index`, `print`, `printf "%s"` and the Slack notifier's
 * `replace`. It follows Go's rules where they matter to a template: a field of a nil pointer is an error, a missing
 * struct field is an error, `index` of a missing map key is the zero value, `and`/`or` stop at the first deciding
 * value, `[]byte` prints as numbers unless `printf "%s"`. It is written for these tests, not Go's implementation.
 */

/** A Go map (`map[string]string`), as opposed to a struct (a plain object). */
export class GoMap extends Map<string, unknown> {}

type Node =
    | { kind: "text"; text: string }
    | { kind: "print"; pipe: string }
    | { kind: "assign"; name: string; pipe: string; declare: boolean }
    | { kind: "if" | "with"; branches: Array<{ pipe?: string; body: Node[] }> }
    | { kind: "range"; pipe: string; body: Node[] };

export function renderGoTemplate(template: string, data: unknown): string {
    const tokens = template.split(/({{.*?}})/s).filter((token) => token !== "");
    let at = 0;
    const parse = (until: string[]): { nodes: Node[]; stop: string } => {
        const nodes: Node[] = [];
        while (at < tokens.length) {
            const token = tokens[at++];
            if (!token.startsWith("{{")) {
                nodes.push({ kind: "text", text: token });
                continue;
            }
            const action = token.slice(2, -2).trim();
            const keyword = /^(\w+)/.exec(action)?.[1] ?? "";
            if (until.some((stop) => action === stop || (stop === "else" && action.startsWith("else")))) {
                return { nodes, stop: action };
            }
            if (keyword === "if" || keyword === "with") {
                const branches: Array<{ pipe?: string; body: Node[] }> = [];
                let pipe: string | undefined = action.slice(keyword.length).trim();
                for (;;) {
                    const { nodes: body, stop } = parse(["end", "else"]);
                    branches.push({ pipe, body });
                    if (stop === "end") {
                        break;
                    }
                    pipe = stop === "else" ? undefined : stop.replace(/^else\s+if\s+/, "");
                    if (pipe === undefined) {
                        branches.push({ pipe: undefined, body: parse(["end"]).nodes });
                        break;
                    }
                }
                nodes.push({ kind: keyword, branches });
            } else if (keyword === "range") {
                nodes.push({ kind: "range", pipe: action.slice(5).trim(), body: parse(["end"]).nodes });
            } else if (/^\$\w+\s*:?=/.test(action)) {
                const [, name, op, pipe] = /^(\$\w+)\s*(:?=)\s*(.*)$/s.exec(action)!;
                nodes.push({ kind: "assign", name, pipe, declare: op === ":=" });
            } else if (keyword === "end" || keyword === "else") {
                throw new Error(`unexpected {{${action}}}`);
            } else {
                nodes.push({ kind: "print", pipe: action });
            }
        }
        if (until.length > 0) {
            throw new Error(`unexpected end of template, expected {{${until.join("}} or {{")}}}`);
        }
        return { nodes, stop: "" };
    };
    const { nodes } = parse([]);
    const scopes: Array<Map<string, unknown>> = [new Map([["$", data]])];
    return execute(nodes, data, scopes);
}

function execute(nodes: Node[], dot: unknown, scopes: Array<Map<string, unknown>>): string {
    let out = "";
    for (const node of nodes) {
        switch (node.kind) {
            case "text":
                out += node.text;
                break;
            case "print":
                out += formatValue(evaluate(node.pipe, dot, scopes));
                break;
            case "assign": {
                const value = evaluate(node.pipe, dot, scopes);
                const scope = node.declare ? scopes[scopes.length - 1] : [...scopes].reverse().find((candidate) => candidate.has(node.name));
                if (!scope) {
                    throw new Error(`undefined variable: ${node.name}`);
                }
                scope.set(node.name, value);
                break;
            }
            case "if":
            case "with":
                for (const branch of node.branches) {
                    const value = branch.pipe === undefined ? true : evaluate(branch.pipe, dot, scopes);
                    if (truthy(value)) {
                        out += execute(branch.body, node.kind === "with" && branch.pipe !== undefined ? value : dot, [...scopes, new Map()]);
                        break;
                    }
                }
                break;
            case "range": {
                const value = evaluate(node.pipe, dot, scopes);
                const items = value instanceof Map ? [...value.values()] : ((value as unknown[] | null) ?? []);
                for (const item of items) {
                    out += execute(node.body, item, [...scopes, new Map()]);
                }
                break;
            }
        }
    }
    return out;
}

function truthy(value: unknown): boolean {
    if (value === null || value === undefined || value === false || value === 0 || value === "") {
        return false;
    }
    if (Array.isArray(value) || value instanceof Uint8Array) {
        return value.length > 0;
    }
    return !(value instanceof Map && value.size === 0);
}

function formatValue(value: unknown): string {
    if (value === null || value === undefined) {
        return "<nil>";
    }
    if (value instanceof Uint8Array || Array.isArray(value)) {
        return `[${[...value].map(formatValue).join(" ")}]`;
    }
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** Splits a pipeline into its operands: words, strings and parenthesised commands. */
function operands(text: string): string[] {
    const result: string[] = [];
    let at = 0;
    while (at < text.length) {
        const char = text[at];
        if (/\s/.test(char)) {
            at++;
        } else if (char === '"') {
            let end = at + 1;
            while (text[end] !== '"') {
                end += text[end] === "\\" ? 2 : 1;
                if (end >= text.length) {
                    throw new Error(`unterminated string in ${text}`);
                }
            }
            result.push(text.slice(at, end + 1));
            at = end + 1;
        } else if (char === "(") {
            let depth = 0;
            let end = at;
            do {
                if (text[end] === '"') {
                    end++;
                    while (text[end] !== '"') {
                        end += text[end] === "\\" ? 2 : 1;
                    }
                }
                depth += text[end] === "(" ? 1 : text[end] === ")" ? -1 : 0;
                end++;
            } while (depth > 0 && end < text.length);
            result.push(text.slice(at, end));
            at = end;
        } else {
            const end = text.slice(at).search(/[\s()]/);
            result.push(end === -1 ? text.slice(at) : text.slice(at, at + end));
            at = end === -1 ? text.length : at + end;
        }
    }
    return result;
}

const FUNCTIONS = new Set(["and", "or", "not", "eq", "gt", "len", "index", "print", "printf", "replace"]);

function evaluate(pipe: string, dot: unknown, scopes: Array<Map<string, unknown>>): unknown {
    const words = operands(pipe.trim());
    if (words.length === 0) {
        throw new Error("empty command");
    }
    const [head, ...rest] = words;
    if (!FUNCTIONS.has(head)) {
        if (rest.length > 0) {
            throw new Error(`can't give argument to non-function ${head}`);
        }
        return operand(head, dot, scopes);
    }
    const value = (word: string) => operand(word, dot, scopes);
    switch (head) {
        case "and": {
            let last: unknown;
            for (const word of rest) {
                last = value(word);
                if (!truthy(last)) {
                    return last;
                }
            }
            return last;
        }
        case "or": {
            let last: unknown;
            for (const word of rest) {
                last = value(word);
                if (truthy(last)) {
                    return last;
                }
            }
            return last;
        }
        case "not":
            return !truthy(value(rest[0]));
        case "eq": {
            const [first, ...others] = rest.map(value);
            return others.some((other) => {
                if (typeof other !== typeof first) {
                    throw new Error(`incompatible types for comparison: ${typeof first} and ${typeof other}`);
                }
                return other === first;
            });
        }
        case "gt": {
            const [a, b] = rest.map(value);
            return (a as number) > (b as number);
        }
        case "len": {
            const target = value(rest[0]);
            return target instanceof Map ? target.size : ((target as { length?: number } | null)?.length ?? 0);
        }
        case "index": {
            let target = value(rest[0]);
            for (const key of rest.slice(1).map(value)) {
                if (target instanceof Map) {
                    target = target.has(String(key)) ? target.get(String(key)) : "";
                } else if (Array.isArray(target) || target instanceof Uint8Array) {
                    if ((key as number) >= target.length) {
                        throw new Error(`error calling index: index out of range: ${String(key)}`);
                    }
                    target = target[key as number];
                } else {
                    throw new Error(`can't index item of type ${typeof target}`);
                }
            }
            return target;
        }
        case "print":
            return rest.map((word) => formatValue(value(word))).join("");
        case "printf": {
            const [format, ...args] = rest.map(value);
            if (format !== "%s") {
                throw new Error(`printf: only "%s" is supported here, got ${String(format)}`);
            }
            const [arg] = args;
            return arg instanceof Uint8Array ? new TextDecoder().decode(arg) : formatValue(arg);
        }
        case "replace": {
            const [text, from, to] = rest.map(value) as string[];
            return text.split(from).join(to);
        }
    }
    throw new Error(`function ${head} not defined`);
}

function operand(word: string, dot: unknown, scopes: Array<Map<string, unknown>>): unknown {
    if (word.startsWith("(")) {
        return evaluate(word.slice(1, -1), dot, scopes);
    }
    if (word.startsWith('"')) {
        return JSON.parse(word) as string;
    }
    if (/^-?\d+$/.test(word)) {
        return Number(word);
    }
    if (word === "true" || word === "false") {
        return word === "true";
    }
    const [base, ...fields] = word.startsWith(".") ? [".", ...word.slice(1).split(".").filter((field) => field !== "")] : word.split(".");
    let value: unknown;
    if (base === ".") {
        value = dot;
    } else if (base.startsWith("$")) {
        const scope = [...scopes].reverse().find((candidate) => candidate.has(base));
        if (!scope) {
            throw new Error(`undefined variable: ${base}`);
        }
        value = scope.get(base);
    } else {
        throw new Error(`function ${base} not defined`);
    }
    for (const field of fields) {
        if (value === null || value === undefined) {
            throw new Error(`nil pointer evaluating .${field}`);
        }
        if (value instanceof GoMap) {
            value = value.has(field) ? value.get(field) : undefined;
        } else if (typeof value === "object" && Object.hasOwn(value, field)) {
            value = (value as Record<string, unknown>)[field];
        } else {
            throw new Error(`can't evaluate field ${field}`);
        }
    }
    return value;
}
