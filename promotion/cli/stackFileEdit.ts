/**
 * Edits a `Pulumi.<stack>.yaml` the way a careful person would: only the digests and the audit trail change, every
 * comment and untouched line stays byte for byte, and the file is replaced atomically, or not at all when someone
 * else changed it after it was read.
 */
import * as fs from "fs";
import * as path from "path";
import { isSeq, parseDocument, type Document, type Scalar } from "yaml";
import { releasesToDrop } from "../releases";
import { KEYS, migratorDigestPath, parseStackConfig, projectStacks, serviceDigestPath, StackConfigError, stackFilePath, StackFileError, stackFileValues, type Release, type StackConfig } from "../../config";
import { BadInput, Refusal } from "./errors";

/** How yaml 2 prints the committed files exactly as they are written. */
const FORMAT = { lineWidth: 0, flowCollectionPadding: false } as const;
const RELEASES_PATH = ["config", KEYS.releases];

export class StackFileEdit {
    private constructor(
        /** Absolute path of the file. */
        readonly file: string,
        readonly config: StackConfig,
        /** The file's text as read: it is written back only if the file still holds exactly this. */
        readonly original: string,
        private readonly document: Document,
    ) {}

    static open(projectDir: string, stack: string): StackFileEdit {
        const file = stackFilePath(projectDir, stack);
        const name = path.basename(file);
        const knownStacks = projectStacks(projectDir);
        if (!knownStacks.includes(stack)) {
            throw new BadInput(`unknown stack "${stack}": no ${name} in ${projectDir} (stacks: ${knownStacks.join(", ")})`);
        }
        // One read: the config, the document and the check before writing all come from this text.
        const original = fs.readFileSync(file, "utf8");
        const config = parseConfig(original, name, stack, knownStacks);
        const document = parseDocument(original);
        if (document.errors.length > 0 || document.toString(FORMAT) !== original) {
            throw new BadInput(`${name} cannot be edited without reformatting lines this command does not change; edit it by hand`);
        }
        return new StackFileEdit(file, config, original, document);
    }

    get name(): string {
        return path.basename(this.file);
    }

    setDigest(service: string, digest: string): void {
        this.document.setIn(["config", ...serviceDigestPath(service)], digest);
    }

    setMigratorDigest(service: string, digest: string): void {
        this.document.setIn(["config", ...migratorDigestPath(service)], digest);
    }

    /** Appends entries to `bilko:releases` (creating it last in `config:`) and drops what exceeds each service's history. */
    appendReleases(entries: readonly Release[]): void {
        if (!this.document.hasIn(RELEASES_PATH)) {
            this.document.setIn(RELEASES_PATH, this.document.createNode([]));
        }
        for (const entry of entries) {
            const node = this.document.createNode(withoutUndefined(entry));
            // Quoted, so no YAML 1.1 reader (Pulumi's included) takes the time for a timestamp instead of a string.
            (node.get("at", true) as Scalar).type = "QUOTE_DOUBLE";
            this.document.addIn(RELEASES_PATH, node);
        }
        const sequence = this.document.getIn(RELEASES_PATH);
        if (isSeq(sequence)) {
            for (const index of releasesToDrop([...this.config.releases, ...entries]).reverse()) {
                sequence.items.splice(index, 1);
            }
        }
    }

    text(): string {
        return this.document.toString(FORMAT);
    }

    /**
     * Writes `text` through a temporary file in the same directory and a rename, after checking the file still holds
     * what was read; `beforeReplace` lets tests change the file at the last moment.
     */
    save(text: string, beforeReplace?: () => void): void {
        const temporary = path.join(path.dirname(this.file), `.${this.name}.${process.pid}.tmp`);
        fs.writeFileSync(temporary, text, { mode: fs.statSync(this.file).mode, flag: "w" });
        try {
            beforeReplace?.();
            if (fs.readFileSync(this.file, "utf8") !== this.original) {
                throw new Refusal(`${this.name} changed after it was read (another edit?); nothing was written: run the command again`);
            }
            fs.renameSync(temporary, this.file);
        } finally {
            fs.rmSync(temporary, { force: true });
        }
    }
}

function parseConfig(text: string, name: string, stack: string, knownStacks: string[]): StackConfig {
    try {
        return parseStackConfig(stackFileValues(text, name).values, { stack, file: name, knownStacks });
    } catch (error) {
        if (error instanceof StackConfigError || error instanceof StackFileError) {
            throw new BadInput(error.message);
        }
        throw error;
    }
}

function withoutUndefined(entry: Release): Record<string, unknown> {
    return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
}
