/** Cloud Run revision names that say which digest and which template they run. */
import { createHash } from "crypto";
import { digestPrefix } from "../registry/images";

/** Cloud Run limit on a revision name. */
const MAX_REVISION_NAME = 63;
/** Cloud Run limit on a tag plus the service name (they form one DNS label of the tag URL). */
const MAX_TAG_AND_SERVICE = 46;

/**
 * A short hash of a resolved revision template (without its `revision` name): any change to image, env, scaling,
 * probes or labels gives another hash, so a config-only change never reuses the name of an existing revision.
 */
export function templateHash(template: unknown): string {
    return createHash("sha256").update(canonicalJson(template)).digest("hex").slice(0, 8);
}

/** JSON with object keys sorted and undefined members dropped, so equal templates hash equally. */
export function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
    }
    if (value !== null && typeof value === "object") {
        const members = Object.entries(value)
            .filter(([, inner]) => inner !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`);
        return `{${members.join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}

/**
 * `<service name>-<first 12 hex of the digest>-<template hash>`: Cloud Run requires the service name as prefix, the
 * digest part tells a reader which image a revision runs.
 */
export function revisionName(serviceName: string, digest: string, hash: string): string {
    const name = `${serviceName}-${digestPrefix(digest)}-${hash}`;
    if (name.length > MAX_REVISION_NAME) {
        throw new Error(`revision name "${name}" is longer than ${MAX_REVISION_NAME} characters; shorten the service name "${serviceName}"`);
    }
    return name;
}

/** Refuses a tag Cloud Run would reject for this service, before any deployment tries it. */
export function checkTagFits(serviceName: string, tag: string): void {
    if (serviceName.length + tag.length > MAX_TAG_AND_SERVICE) {
        throw new Error(`revision tag "${tag}" with service name "${serviceName}" exceeds Cloud Run's ${MAX_TAG_AND_SERVICE} characters; shorten the service name`);
    }
}
