/** Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI would hand it to the program, without decrypting anything. */
import * as path from "path";
import { parse } from "yaml";
import { decodeUtf8, FileError, PROTOTYPE_KEY_REASON, prototypeKeyPath, readFileBytes } from "../common";
import { keyPath } from "./issues";

export const SECRET_PLACEHOLDER = "[secret]";

export interface StackFileValues {
    /** Config values by full key (`bilko:services`), with `secure:` values replaced by `[secret]`. */
    values: Record<string, unknown>;
    /** Keys holding a secure value somewhere inside. */
    secretKeys: string[];
    /** Where each secure value is, as messages name keys: `bilko:services.api.env.SMTP_PASS`. */
    securePaths?: string[];
}

export class StackFileError extends Error {}

/** The file's values; an unreadable file, or one that is not UTF-8 (the Pulumi CLI refuses those too), is refused. */
export function readStackFile(file: string): StackFileValues {
    let text: string;
    try {
        text = decodeUtf8(readFileBytes(file), path.basename(file));
    } catch (error) {
        throw error instanceof FileError ? new StackFileError(error.message) : error;
    }
    return stackFileValues(text, path.basename(file));
}

/** The config values of a stack file's text; `name` is the file name used in messages. */
export function stackFileValues(text: string, name: string): StackFileValues {
    let document: unknown;
    try {
        document = parse(text);
    } catch (error) {
        throw new StackFileError(`${name}: not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
    return documentValues(document, name);
}

/** The config values of a stack file already parsed into plain data (`parse` of the yaml package). */
export function documentValues(document: unknown, name: string): StackFileValues {
    const prototypeKey = prototypeKeyPath(document);
    if (prototypeKey) {
        throw new StackFileError(`${name}: ${keyPath(prototypeKey)}: ${PROTOTYPE_KEY_REASON}`);
    }
    const config = (document as { config?: unknown } | null)?.config;
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new StackFileError(`${name}: expected a top-level "config:" mapping`);
    }
    const values: Record<string, unknown> = {};
    const secretKeys: string[] = [];
    const securePaths: string[] = [];
    for (const [key, value] of Object.entries(config)) {
        const hidden = hideSecureValues(value, [key], securePaths);
        values[key] = hidden.value;
        if (hidden.hadSecret) {
            secretKeys.push(key);
        }
    }
    return { values, secretKeys, securePaths };
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

function hideSecureValues(value: unknown, path: string[], found: string[]): { value: unknown; hadSecret: boolean } {
    if (isSecure(value)) {
        found.push(keyPath(path));
        return { value: SECRET_PLACEHOLDER, hadSecret: true };
    }
    if (Array.isArray(value)) {
        const items = value.map((item, index) => hideSecureValues(item, [...path, String(index)], found));
        return { value: items.map((item) => item.value), hadSecret: items.some((item) => item.hadSecret) };
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).map(([key, inner]) => [key, hideSecureValues(inner, [...path, key], found)] as const);
        return {
            value: Object.fromEntries(entries.map(([key, inner]) => [key, inner.value])),
            hadSecret: entries.some(([, inner]) => inner.hadSecret),
        };
    }
    return { value, hadSecret: false };
}
