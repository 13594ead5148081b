/**
 * The layout the README's "Layout" section promises: one folder per concept, each naming its public surface in an
 * index.ts, and no import cycles between source files (type-only imports count: they couple files just the same).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_DIR } from "./support/stacks";

const SOURCE_ROOTS = ["adoption", "bench", "common", "components", "config", "cutover", "offline", "plan", "policies", "program", "promotion", "tools"];

function sourceFiles(): string[] {
    return SOURCE_ROOTS.flatMap((root) =>
        fs
            .readdirSync(path.join(PROJECT_DIR, root), { recursive: true, encoding: "utf8" })
            .filter((file) => file.endsWith(".ts"))
            .map((file) => path.join(PROJECT_DIR, root, file)),
    ).concat(path.join(PROJECT_DIR, "index.ts"));
}

/** Relative imports and re-exports of `file`, resolved to files. */
function importsOf(file: string): string[] {
    const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    return info.importedFiles
        .map((imported) => imported.fileName)
        .filter((specifier) => specifier.startsWith("."))
        .map((specifier) => {
            const base = path.resolve(path.dirname(file), specifier);
            const candidates = [`${base}.ts`, path.join(base, "index.ts")];
            const found = candidates.find((candidate) => fs.existsSync(candidate));
            assert.ok(found, `${path.relative(PROJECT_DIR, file)} imports ${specifier}, which is no file`);
            return found;
        });
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const found: string[][] = [];
    const visit = (node: string): void => {
        index.set(node, counter);
        low.set(node, counter++);
        stack.push(node);
        onStack.add(node);
        for (const next of graph.get(node) ?? []) {
            if (!index.has(next)) {
                visit(next);
                low.set(node, Math.min(low.get(node)!, low.get(next)!));
            } else if (onStack.has(next)) {
                low.set(node, Math.min(low.get(node)!, index.get(next)!));
            }
        }
        if (low.get(node) === index.get(node)) {
            const component: string[] = [];
            let member: string;
            do {
                member = stack.pop()!;
                onStack.delete(member);
                component.push(member);
            } while (member !== node);
            if (component.length > 1 || (graph.get(node) ?? []).includes(node)) {
                found.push(component.map((file) => path.relative(PROJECT_DIR, file)).sort());
            }
        }
    };
    [...graph.keys()].forEach((node) => index.has(node) || visit(node));
    return found;
}

describe("the source tree", () => {
    it("has no import cycles", () => {
        const graph = new Map(sourceFiles().map((file) => [file, importsOf(file)]));
        assert.deepStrictEqual(cycles(graph), []);
    });

    it("gives every concept folder an index.ts that names its public surface", () => {
        const folders = ["adoption", "bench", "common", "config", "cutover", "offline", "plan", "program", "promotion", "policies", ...fs.readdirSync(path.join(PROJECT_DIR, "components")).map((name) => `components/${name}`)];
        assert.deepStrictEqual(folders.filter((folder) => !fs.existsSync(path.join(PROJECT_DIR, folder, "index.ts"))), []);
    });

    it("keeps tools/ to command entry points: each imports a main from its concept's folder and runs it", () => {
        for (const file of fs.readdirSync(path.join(PROJECT_DIR, "tools"))) {
            const text = fs.readFileSync(path.join(PROJECT_DIR, "tools", file), "utf8");
            assert.doesNotMatch(text, /^\s*(export\s+)?(async\s+)?(function|class)\s/m, `tools/${file} declares logic; move it to its concept's folder`);
            assert.match(text, /^import \{ main \} from "\.\.\/[a-z]+(\/[A-Za-z]+)*";$/m, `tools/${file}`);
        }
    });
});
