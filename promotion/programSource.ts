/**
 * What "the program" is, as a fact a stack can export and another stack can check: a content hash of every file that
 * decides what a deployment does (the program, its dependencies' lock, the policy pack, the tools the pipeline runs).
 * Stack files are not part of it: promotion changes those. No git is involved: the hash is of the files on disk.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { projectDir } from "../config/project";

/** Files and folders of the project directory that make up the program. */
export const PROGRAM_SOURCES = [
    "Pulumi.yaml",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "index.ts",
    "program",
    "adoption",
    "components",
    "config",
    "promotion",
    "policies",
    "common",
    "smoke",
    "tools",
] as const;

const SOURCE_FILE = /\.(ts|js|mjs|json|ya?ml)$/;

/** Every program file under `projectDir`, relative and `/`-separated, sorted. */
export function programFiles(projectDir: string): string[] {
    const files: string[] = [];
    const walk = (relative: string): void => {
        const absolute = path.join(projectDir, relative);
        if (!fs.existsSync(absolute)) {
            return;
        }
        if (fs.statSync(absolute).isDirectory()) {
            for (const entry of fs.readdirSync(absolute)) {
                if (entry !== "node_modules" && !entry.startsWith(".")) {
                    walk(path.posix.join(relative, entry));
                }
            }
        } else if (SOURCE_FILE.test(relative)) {
            files.push(relative);
        }
    };
    PROGRAM_SOURCES.forEach(walk);
    return files.sort();
}

/**
 * `sha256:<hex>` over each program file's path and content. Line endings are normalised, so a Windows checkout of the
 * same commit hashes the same.
 */
export function programHash(projectDir: string): string {
    const hash = createHash("sha256");
    for (const file of programFiles(projectDir)) {
        const content = fs.readFileSync(path.join(projectDir, file), "utf8").replace(/\r\n/g, "\n");
        hash.update(`${file}\0${createHash("sha256").update(content).digest("hex")}\n`);
    }
    return `sha256:${hash.digest("hex")}`;
}

let current: string | undefined;

/** The hash of the program this process runs, computed once. */
export function currentProgramHash(): string {
    current ??= programHash(projectDir());
    return current;
}
