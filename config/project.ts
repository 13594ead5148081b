/**
 * The project on disk: which directory it is, its name, and its stack files. Readable without loading the program or
 * Pulumi, so every tool uses it at start-up.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ENVIRONMENTS } from "./schema/environments";

const PROJECT_FILE = "Pulumi.yaml";

export class ProjectNotFoundError extends Error {}

/**
 * The project directory, found as the Pulumi CLI finds it: the nearest directory at or above `from` (the working
 * directory) that holds `Pulumi.yaml`.
 */
export function projectDir(from = process.cwd()): string {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, PROJECT_FILE))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new ProjectNotFoundError(`no ${PROJECT_FILE} in ${path.resolve(from)} or any directory above it: run this from the bilko project`);
        }
    }
}

/** The Pulumi project name (`name:` in Pulumi.yaml): the app in every resource name and URN. */
export function projectName(directory = projectDir()): string {
    return (parse(fs.readFileSync(path.join(directory, PROJECT_FILE), "utf8")) as { name: string }).name;
}

/** Stacks of this project (one `Pulumi.<stack>.yaml` each), in promotion order: stage, demo, prod, then others. */
export function projectStacks(directory = projectDir()): string[] {
    const rank = (stack: string) => {
        const index = (ENVIRONMENTS as readonly string[]).indexOf(stack);
        return index === -1 ? ENVIRONMENTS.length : index;
    };
    return fs
        .readdirSync(directory)
        .map((file) => /^Pulumi\.([^.]+)\.ya?ml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The file that holds a stack's configuration, in the project directory. */
export function stackFileName(stack: string): string {
    return `Pulumi.${stack}.yaml`;
}

export function stackFilePath(directory: string, stack: string): string {
    return path.join(directory, stackFileName(stack));
}
