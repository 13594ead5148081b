/**
 * Edits a `Pulumi.<stack>.yaml` the way a careful person would, through the parsed document: only the digests and the
 * audit trail change, each value checked as the schema checks it (so the result is a file the schema accepts: the
 * rules across keys read neither). Before anything is written the result is checked three ways:
 *   - every byte outside the edited nodes is still there, in order (comments and untouched lines included);
 *   - the file now means exactly the intended values, so a YAML alias is never silently rebound: an edit that would
 *     change what an alias elsewhere means is refused with the anchor and where it is repeated;
 *   - every value written reads the same to YAML 1.1 readers (the Pulumi CLI's Go loader) as to 1.2 ones: the audit
 *     entries' strings are double-quoted, and text neither can keep is refused.
 * The file is replaced atomically (common/files.ts) and only if it still holds exactly the bytes read; while a command
 * runs, its lock (stackFileLock.ts) keeps every other promote and rollback out.
 */
import * as path from "path";
import { isDeepStrictEqual } from "util";
import { Document, isAlias, isMap, isPair, isScalar, isSeq, parse, parseDocument, Scalar, visit, type Node, type YAMLMap, type YAMLSeq } from "yaml";
import { decodeUtf8, FileError, readFileBytes, realPathForWrite, replaceFile } from "../../common";
import { show } from "../../common/text";
import { isDigest } from "../../components/registry/images";
import { releasesToDrop } from "../releases";
import {
    describeIssue,
    documentValues,
    KEYS,
    migratorDigestPath,
    parseStackConfig,
    projectStacks,
    releaseSchema,
    serviceDigestPath,
    StackConfigError,
    stackFilePath,
    StackFileError,
    unknownStackReason,
    type Release,
    type StackConfig,
} from "../../config";
import { BadInput, Refusal } from "./errors";
import { StackFileLock } from "./stackFileLock";

/** How yaml 2 prints the committed files exactly as they are written. */
const FORMAT = { lineWidth: 0, flowCollectionPadding: false } as const;
const RELEASES_PATH = ["config", KEYS.releases];

/** Who supplied each field of an audit entry, for the message when one cannot be written. */
const FIELD_SOURCES: Readonly<Record<string, string>> = { reason: "--reason", by: "the releaser (git config user.email, else $USER)", from: "the stack name" };

export interface OpenOptions {
    /** Hold the file's lock until `release()`: every command that writes takes it (a dry run does not). */
    lock?: { command: string; maxAgeMs: number };
}

interface Written {
    /** Where, as messages name it. */
    key: string;
    value: unknown;
    node: Node;
}

export class StackFileEdit {
    /** Offsets in `original` of the nodes this edit replaces; every other byte must survive. */
    private readonly edited: Array<[number, number]> = [];
    private readonly written: Written[] = [];
    private checked?: string;

    private constructor(
        /** The file as the project names it (it may be a symbolic link, which stays one). */
        readonly file: string,
        readonly config: StackConfig,
        /** The file's text as read: it is written back only if the file still holds exactly these bytes. */
        readonly original: string,
        private readonly bytes: Buffer,
        private readonly document: Document,
        /** What the file must mean once edited: its values as read, with each edit applied (copy on write). */
        private expected: PlainDocument,
        private readonly lock: StackFileLock | undefined,
    ) {}

    static open(projectDir: string, stack: string, options: OpenOptions = {}): StackFileEdit {
        const knownStacks = projectStacks(projectDir);
        if (!knownStacks.includes(stack)) {
            throw new BadInput(unknownStackReason(projectDir, stack));
        }
        const file = stackFilePath(projectDir, stack);
        const name = path.basename(file);
        const lock = options.lock ? fileStep(() => StackFileLock.acquire(realPathForWrite(file), name, options.lock!.command, options.lock!.maxAgeMs)) : undefined;
        try {
            const bytes = fileStep(() => readFileBytes(file));
            const original = fileStep(() => decodeUtf8(bytes, name));
            const document = parseDocument(original);
            if (document.errors.length > 0) {
                throw new BadInput(`${name}: not valid YAML: ${document.errors[0].message.split("\n")[0]}`);
            }
            const values = plainValues(document, name);
            const config = parseConfig(values, name, stack, knownStacks);
            return new StackFileEdit(file, config, original, bytes, document, values, lock);
        } catch (error) {
            lock?.release();
            throw error;
        }
    }

    get name(): string {
        return path.basename(this.file);
    }

    /** Lets the next command in: call once the command is done, whether it wrote or not. */
    release(): void {
        this.lock?.release();
    }

    setDigest(service: string, digest: string): void {
        this.setDigestAt(serviceDigestPath(service), digest, (services) => ({ ...services[service], digest }));
    }

    /** The migrator image that ships with the service's digest (`bilko:services.<service>.migrations.digest`). */
    setMigratorDigest(service: string, digest: string): void {
        this.setDigestAt(migratorDigestPath(service), digest, (services) => ({ ...services[service], migrations: { ...(services[service].migrations as object), digest } }));
    }

    /** Writes a digest at `keyPath` below `config:`, and what the file must then mean (`service` after the edit). */
    private setDigestAt(keyPath: readonly string[], digest: string, service: (services: Record<string, Record<string, unknown>>) => Record<string, unknown>): void {
        const key = keyPath.join(".");
        if (!isDigest(digest)) {
            throw new BadInput(`${key}: expected "sha256:" and 64 lowercase hex digits, got ${show(digest)}`);
        }
        const where = ["config", ...keyPath];
        const node = this.document.getIn(where, true) as Node;
        if (isScalar(node) && node.anchor) {
            this.refuseAliasedAnchor(key, node.anchor);
        }
        let written: Node;
        if (isScalar(node)) {
            // The digest keeps the style of the line it replaces: `sha256:` and 64 hex digits is a string to every
            // YAML 1.1 and 1.2 reader, plain or quoted (the check in text() makes sure).
            node.value = digest;
            written = node;
        } else {
            // An alias: replaced by the digest itself, so what the anchor holds stays as it is.
            written = quoted(digest);
            this.document.setIn(where, written);
        }
        this.edited.push([node.range![0], node.range![1]]);
        this.written.push({ key, value: digest, node: written });
        const services = { ...(this.expected.config[KEYS.services] as Record<string, Record<string, unknown>>) };
        const serviceName = keyPath[1];
        services[serviceName] = service(services);
        this.expected = { ...this.expected, config: { ...this.expected.config, [KEYS.services]: services } };
        this.checked = undefined;
    }

    /** Appends entries to `bilko:releases` (creating it last in `config:`) and drops what exceeds each service's history. */
    appendReleases(entries: readonly Release[]): void {
        entries.forEach(checkEntry);
        const current = this.document.getIn(RELEASES_PATH, true) as Node | undefined;
        if (isAlias(current) || (current && current.anchor)) {
            throw new BadInput(`${this.name}: ${KEYS.releases} is ${isAlias(current) ? `the alias *${current.source}` : `the anchor &${current.anchor}`}: appending to it would change what the alias means too; write the list out in place, then run again`);
        }
        this.edited.push(this.releasesRegion());
        if (!current) {
            this.document.setIn(RELEASES_PATH, this.document.createNode([]));
        } else if (isSeq(current)) {
            current.flow = false;
        }
        const sequence = this.document.getIn(RELEASES_PATH, true);
        if (!isSeq(sequence)) {
            throw new BadInput(`${this.name}: ${KEYS.releases} is not a list; nothing written`);
        }
        const kept: unknown[] = [...((this.expected.config[KEYS.releases] as unknown[] | undefined) ?? [])];
        const plain = entries.map(withoutUndefined);
        // One createNode for all entries: each call walks the whole document for anchor names.
        const nodes = (this.document.createNode(plain) as YAMLSeq<YAMLMap>).items;
        nodes.forEach((node, index) => {
            for (const pair of node.items) {
                if (isScalar(pair.value) && typeof pair.value.value === "string") {
                    pair.value.type = "QUOTE_DOUBLE";
                }
            }
            sequence.items.push(node);
            kept.push(plain[index]);
            this.written.push({ key: `${KEYS.releases}[${this.config.releases.length + index}]`, value: plain[index], node });
        });
        for (const index of releasesToDrop([...this.config.releases, ...entries]).reverse()) {
            sequence.items.splice(index, 1);
            kept.splice(index, 1);
        }
        this.expected = { ...this.expected, config: { ...this.expected.config, [KEYS.releases]: kept } };
        this.checked = undefined;
    }

    /** The edited file, checked (see the top of this file); a BadInput says why it cannot be written. */
    text(): string {
        if (this.checked === undefined) {
            let text: string;
            try {
                text = this.document.toString(FORMAT);
            } catch (error) {
                throw new BadInput(`${this.name}: the edit cannot be written as YAML (${(error as Error).message}); edit the file by hand`);
            }
            this.check(text);
            this.checked = text;
        }
        return this.checked;
    }

    /**
     * Replaces the file with `text` (a symbolic link is followed; mode and owner are kept), only if it still holds
     * what was read; `beforeReplace` lets tests change the file at the last moment.
     */
    save(text: string, beforeReplace?: () => void): void {
        fileStep(() =>
            replaceFile(this.file, text, {
                beforeReplace: () => {
                    beforeReplace?.();
                    if (!readFileBytes(this.file).equals(this.bytes)) {
                        throw new Refusal(`${this.name} changed after it was read (another edit?); nothing was written: run the command again`);
                    }
                },
            }),
        );
    }

    private check(text: string): void {
        if (!keepsOutside(this.original, this.edited, text)) {
            throw new BadInput(`${this.name} cannot be edited without reformatting lines outside the digests and ${KEYS.releases}, which this command keeps as they are; edit it by hand`);
        }
        const reread = parseDocument(text);
        if (reread.errors.length > 0) {
            throw new BadInput(`${this.name}: the edit would not be valid YAML (${reread.errors[0].message.split("\n")[0]}); nothing written`);
        }
        const values = plainValues(reread, this.name);
        const changed = firstDifference(values, this.expected);
        if (changed !== undefined) {
            throw new BadInput(`${this.name}: the edit would also change ${changed}, which a YAML anchor and alias tie to an edited value; write the value out in place of the alias, then run again`);
        }
        for (const written of this.written) {
            const read: unknown = parse(new Document(written.node).toString(FORMAT), { version: "1.1" });
            if (!isDeepStrictEqual(read, written.value)) {
                throw new BadInput(`${this.name}: ${written.key} would read as ${show(read)} to YAML 1.1 readers such as the Pulumi CLI; nothing written`);
            }
        }
    }

    /** An anchor on an edited value that aliases repeat elsewhere: editing it would rebind them, so refuse. */
    private refuseAliasedAnchor(key: string, anchor: string): void {
        const lines: number[] = [];
        visit(this.document, {
            Alias: (_, alias) => {
                if (alias.source === anchor && alias.range) {
                    lines.push(this.original.slice(0, alias.range[0]).split("\n").length);
                }
            },
        });
        if (lines.length > 0) {
            throw new BadInput(
                `${this.name}: ${key} is the anchor &${anchor}, which ${lines.length} alias(es) repeat (*${anchor}, line ${lines.join(", ")}); ` +
                    `changing it would change them too: write the value out in place of each *${anchor}, then run again`,
            );
        }
    }

    /** Where `bilko:releases` is written: its key and value, or, when absent, the end of `config:`. */
    private releasesRegion(): [number, number] {
        const config = this.document.get("config", true) as YAMLMap;
        const pair = config.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === KEYS.releases);
        if (pair && isScalar(pair.key) && isNode(pair.value)) {
            return [pair.key.range![0], pair.value.range![2]];
        }
        return [config.range![1], config.range![2]];
    }
}

/** Runs a file step, turning a FileError into the tools' exit-2 failure. */
function fileStep<T>(step: () => T): T {
    try {
        return step();
    } catch (error) {
        throw error instanceof FileError ? new BadInput(error.message) : error;
    }
}

function isNode(node: unknown): node is Node {
    return isSeq(node) || isMap(node) || isScalar(node);
}

function quoted(value: string): Scalar {
    const scalar = new Scalar(value);
    scalar.type = "QUOTE_DOUBLE";
    return scalar;
}

/** A stack file as plain data; its `config:` mapping is checked by the schema before any edit. */
type PlainDocument = { config: Record<string, unknown> } & Record<string, unknown>;

/**
 * The document as plain data. An alias makes two places share one object, so edits of `expected` copy each object on
 * their path instead of changing it: an alias elsewhere keeps the value it had.
 */
function plainValues(document: Document, name: string): PlainDocument {
    try {
        return document.toJS() as PlainDocument;
    } catch (error) {
        throw new BadInput(`${name}: cannot be read as plain data (${(error as Error).message})`);
    }
}

function parseConfig(values: unknown, name: string, stack: string, knownStacks: string[]): StackConfig {
    try {
        return parseStackConfig(documentValues(values, name).values, { stack, file: name, knownStacks });
    } catch (error) {
        if (error instanceof StackConfigError || error instanceof StackFileError) {
            throw new BadInput(error.message);
        }
        throw error;
    }
}

/** An audit entry the schema would refuse on reading back is refused before writing, naming where its text came from. */
function checkEntry(entry: Release): void {
    const parsed = releaseSchema.safeParse(entry);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = String(issue.path[0]);
        throw new BadInput(`${FIELD_SOURCES[field] ?? field}: ${describeIssue(issue)}`);
    }
}

function withoutUndefined(entry: Release): Record<string, unknown> {
    return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
}

/**
 * Whether `after` holds every byte of `before` outside `ranges` (offsets into `before`), in order, with anything in
 * place of the ranges: `before` split at the ranges must match `after` as `part0 * part1 * ... * partN`.
 */
export function keepsOutside(before: string, ranges: ReadonlyArray<readonly [number, number]>, after: string): boolean {
    const parts: string[] = [];
    let at = 0;
    for (const [start, end] of [...ranges].sort((p, q) => p[0] - q[0])) {
        parts.push(before.slice(at, Math.max(at, start)));
        at = Math.max(at, end);
    }
    parts.push(before.slice(at));
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (!after.startsWith(first)) {
        return false;
    }
    let position = first.length;
    for (const part of parts.slice(1, -1)) {
        const found = after.indexOf(part, position);
        if (found === -1) {
            return false;
        }
        position = found + part.length;
    }
    return parts.length === 1 ? after === first : after.length - last.length >= position && after.endsWith(last);
}

/** The first place two plain values differ, as a key path below `config:` (`bilko:releases[3].digest`). */
function firstDifference(actual: unknown, expected: unknown, at = ""): string | undefined {
    if (Array.isArray(actual) && Array.isArray(expected)) {
        for (let index = 0; index < Math.max(actual.length, expected.length); index++) {
            const found = firstDifference(actual[index], expected[index], `${at}[${index}]`);
            if (found !== undefined) {
                return found;
            }
        }
        return undefined;
    }
    if (isObject(actual) && isObject(expected)) {
        for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
            const found = firstDifference(actual[key], expected[key], at === "" ? key : at === "config" ? key : `${at}.${key}`);
            if (found !== undefined) {
                return found;
            }
        }
        return undefined;
    }
    return actual === expected ? undefined : at || "the whole file";
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
