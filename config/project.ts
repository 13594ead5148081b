/**
 * The project on disk: which directory it is, its name, and its stack files. Readable without loading the program or
 * Pulumi, so every tool uses it at start-up. As the Pulumi CLI does, the project file is `Pulumi.yaml` or
 * `Pulumi.yml`, and each stack's file takes the project file's extension: `Pulumi.<stack>.yaml` or `.yml`.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { describeFsError } from "../common";
import { ENVIRONMENTS } from "./schema/environments";

const EXTENSIONS = [".yaml", ".yml"] as const;
const DEFAULT_EXTENSION = ".yaml";

export class ProjectNotFoundError extends Error {}

/** `Pulumi.yaml` or `Pulumi.yml` in `directory`, if exactly one is there (both is refused: which one would rule?). */
function projectFileIn(directory: string): string | undefined {
    const present = EXTENSIONS.map((extension) => `Pulumi${extension}`).filter((file) => fs.existsSync(path.join(directory, file)));
    if (present.length > 1) {
        throw new ProjectNotFoundError(`both ${present.join(" and ")} in ${directory}: keep one project file`);
    }
    return present[0];
}

/**
 * The project directory, found as the Pulumi CLI finds it: the nearest directory at or above `from` (the working
 * directory) that holds a project file.
 */
export function projectDir(from = process.cwd()): string {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        if (projectFileIn(dir)) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new ProjectNotFoundError(`no Pulumi.yaml in ${path.resolve(from)} or any directory above it: run this from the bilko project`);
        }
    }
}

/** The extension every stack file of the project has: the project file's own. */
function stackFileExtension(directory = projectDir()): string {
    return path.extname(projectFileIn(directory) ?? `Pulumi${DEFAULT_EXTENSION}`);
}

/** The Pulumi project name (`name:` in the project file): the app in every resource name and URN. */
export function projectName(directory = projectDir()): string {
    const file = projectFileIn(directory) ?? `Pulumi${DEFAULT_EXTENSION}`;
    let name: unknown;
    try {
        name = (parse(fs.readFileSync(path.join(directory, file), "utf8")) as { name?: unknown } | null)?.name;
    } catch (error) {
        throw new ProjectNotFoundError(`${file}: ${error instanceof SyntaxError || (error as Error).name === "YAMLParseError" ? "not valid YAML" : describeFsError(error)}`);
    }
    if (typeof name !== "string" || name.length === 0) {
        throw new ProjectNotFoundError(`${file}: expected a project "name:"`);
    }
    return name;
}

/** Stacks of this project (one `Pulumi.<stack>.<ext>` each), in promotion order: stage, demo, prod, then others. */
export function projectStacks(directory = projectDir()): string[] {
    const rank = (stack: string) => {
        const index = (ENVIRONMENTS as readonly string[]).indexOf(stack);
        return index === -1 ? ENVIRONMENTS.length : index;
    };
    const extension = stackFileExtension(directory);
    return fs
        .readdirSync(directory)
        .filter((file) => path.extname(file) === extension)
        .map((file) => /^Pulumi\.([^.]+)\.ya?ml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The file that holds a stack's configuration, `Pulumi.<stack>.yaml`, as this project names them. */
export function stackFileName(stack: string): string {
    return withExtension(stack, DEFAULT_EXTENSION);
}

/** The stack's file in `directory`, with the extension of that project's file. */
export function stackFilePath(directory: string, stack: string): string {
    return path.join(directory, withExtension(stack, stackFileExtension(directory)));
}

function withExtension(stack: string, extension: string): string {
    return `Pulumi.${stack}${extension}`;
}

/**
 * Why `stack` is not one of the project's stacks, in one line; it names a stack file the Pulumi CLI would not read
 * (the other extension) when one is there.
 */
export function unknownStackReason(directory: string, stack: string, where = ` in ${directory}`): string {
    const extension = stackFileExtension(directory);
    const expected = withExtension(stack, extension);
    const other = EXTENSIONS.map((candidate) => withExtension(stack, candidate)).find((file) => file !== expected && fs.existsSync(path.join(directory, file)));
    const ignored = other ? `; ${other} is there, but next to Pulumi${extension} the Pulumi CLI reads ${expected}: rename it` : "";
    return `unknown stack "${stack}": no ${expected}${where} (stacks: ${projectStacks(directory).join(", ")})${ignored}`;
}
