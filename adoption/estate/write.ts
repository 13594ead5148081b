/**
 * Writes an estate file the way a person would edit it: the previous file's comments stay where they were (on the
 * resources, keys and values that are still there), values change in place, and the file is replaced atomically.
 * Comments saying "synthetic" are dropped from everything the new estate states, since it now comes from the cloud.
 */
import * as fs from "fs";
import * as path from "path";
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Node, type Pair, YAMLMap, YAMLSeq } from "yaml";
import { resourceLabel, type Estate, type EstateResource } from "./schema";

/** The text of `estate`, keeping the comments of `previous` (the file as it was), if any. */
export function estateText(previous: string | undefined, estate: Estate): string {
    const document = previous ? parseDocument(previous) : new Document({});
    if (!isMap(document.contents)) {
        document.contents = document.createNode({});
    }
    const root = document.contents as YAMLMap;
    const { resources, ...head } = estate;
    // The resources pair is set aside while the head is merged, so it keeps its place and its comments.
    const index = root.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === "resources");
    const pair = index === -1 ? document.createPair("resources", new YAMLSeq()) : root.items.splice(index, 1)[0];
    merge(document, root, head, false);
    const seq = isSeq(pair.value) ? pair.value : new YAMLSeq();
    const byKey = new Map((seq.items).filter(isMap).map((item) => [keyOf(item.toJSON() as EstateResource), item] as const));
    seq.items = resources.map((resource) => {
        const node = byKey.get(keyOf(resource));
        if (!node) {
            return newNode(document, ordered(resource, false));
        }
        merge(document, node, ordered(resource, node.has("live")), true);
        return node;
    });
    pair.value = seq;
    root.items.splice(index === -1 ? root.items.length : index, 0, pair);
    return document.toString({ lineWidth: 0 });
}

/** Writes `text` to `file` through a temporary file in the same directory, so readers see the old file or the new one. */
export function writeFileAtomically(file: string, text: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        fs.writeFileSync(temporary, text);
        fs.renameSync(temporary, file);
    } finally {
        fs.rmSync(temporary, { force: true });
    }
}

function keyOf(resource: Pick<EstateResource, "kind" | "name" | "location">): string {
    return `${resourceLabel(resource)} ${resource.location}`;
}

/** The keys of a resource in the order a reader expects them; an empty `live` only where the file already had one. */
function ordered(resource: EstateResource, keepEmptyLive: boolean): Record<string, unknown> {
    const { kind, name, location, id, managedBy, live } = resource;
    return { kind, name, location, ...(id === undefined ? {} : { id }), ...(managedBy === undefined ? {} : { managedBy }), ...(keepEmptyLive || Object.keys(live).length > 0 ? { live } : {}) };
}

/**
 * Makes `node` hold `given`: unchanged nodes (and their comments) stay, changed values are replaced, missing keys go.
 * `ownKeys`: also drop "synthetic" notes on this map's keys (not on the top level, where the file's header may sit).
 */
function merge(document: Document, node: YAMLMap, given: Record<string, unknown>, ownKeys: boolean): void {
    const value = Object.fromEntries(Object.entries(given).filter(([, inner]) => inner !== undefined));
    for (const pair of [...node.items] as Pair[]) {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        if (!(key in value)) {
            node.delete(key);
        }
    }
    for (const [key, inner] of Object.entries(value)) {
        const current = node.get(key, true) as Node | undefined;
        if (isMap(current) && isPlainObject(inner)) {
            const wasEmpty = current.items.length === 0;
            merge(document, current, inner, true);
            if (wasEmpty && current.items.length > 0) {
                // `live: {} # nothing known yet`: the note was about the emptiness, and the map now holds values.
                current.flow = false;
                current.comment = undefined;
            }
        } else if (isScalar(current) && typeof current.value === typeof inner && typeof inner !== "object") {
            if (current.value !== inner) {
                // Same kind of value: keep its quoting; its note described the old value.
                current.value = inner;
                current.comment = undefined;
            }
        } else {
            node.set(key, newNode(document, inner));
        }
        dropSyntheticNotes(node.get(key, true));
    }
    if (ownKeys) {
        (node.items).forEach((pair) => dropSyntheticNotes(pair.key as Node | undefined));
    }
}

function dropSyntheticNotes(node: Node | undefined): void {
    if (node && typeof node === "object") {
        if (node.comment?.includes("synthetic")) {
            node.comment = undefined;
        }
        if (node.commentBefore?.includes("synthetic")) {
            node.commentBefore = undefined;
        }
    }
}

/** A node for a new value; timestamps are quoted, so YAML 1.1 readers see the string this file means. */
function newNode(document: Document, value: unknown): Node {
    const node = document.createNode(value) as Node;
    visit(node, (scalar) => {
        if (typeof scalar.value === "string" && /^\d{4}-\d\d-\d\dT/.test(scalar.value)) {
            scalar.type = Scalar.QUOTE_DOUBLE;
        }
    });
    return node;
}

function visit(node: unknown, onScalar: (scalar: Scalar) => void): void {
    if (isScalar(node)) {
        onScalar(node);
    } else if (isMap(node) || isSeq(node)) {
        for (const item of node.items as unknown[]) {
            visit(isPair(item) ? item.value : item, onScalar);
        }
    }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
