/** Cloud Run revision names that say which digest and which template they run. */
import { createHash } from "crypto";
import { digestPrefix } from "../registry/images";

/** Cloud Run limit on a revision name. */
const MAX_REVISION_NAME = 63;
/** Cloud Run limit on a tag plus the service name (they form one DNS label of the tag URL). */
const MAX_TAG_AND_SERVICE = 46;
const DIGEST_PREFIX_LENGTH = 12;
const TEMPLATE_HASH_LENGTH = 8;

/**
 * A short hash of a resolved revision template (without its `revision` name): any change to image, env, scaling,
 * probes or labels gives another hash, so a config-only change never reuses the name of an existing revision.
 */
export function templateHash(template: unknown): string {
    return createHash("sha256").update(canonicalJson(template)).digest("hex").slice(0, TEMPLATE_HASH_LENGTH);
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
    const name = `${serviceName}-${digestPrefix(digest, DIGEST_PREFIX_LENGTH)}-${hash}`;
    if (name.length > MAX_REVISION_NAME) {
        throw new Error(`revision name "${name}" is longer than ${MAX_REVISION_NAME} characters; shorten the service name "${serviceName}"`);
    }
    return name;
}

/**
 * Why Cloud Run would reject this service's revision names or its tags (`tags` with the service name form one DNS
 * label of the tag URL), so a component refuses the name before any deployment tries it; `undefined` when they fit.
 */
export function revisionNamingProblem(serviceName: string, tags: readonly string[]): string | undefined {
    const longest = `${serviceName}-${"0".repeat(DIGEST_PREFIX_LENGTH)}-${"0".repeat(TEMPLATE_HASH_LENGTH)}`;
    if (longest.length > MAX_REVISION_NAME) {
        return `revision names "${serviceName}-<digest>-<hash>" would be ${longest.length} characters, more than Cloud Run's ${MAX_REVISION_NAME}; shorten the service name "${serviceName}"`;
    }
    const tag = tags.find((candidate) => serviceName.length + candidate.length > MAX_TAG_AND_SERVICE);
    return tag === undefined
        ? undefined
        : `revision tag "${tag}" with service name "${serviceName}" exceeds Cloud Run's ${MAX_TAG_AND_SERVICE} characters; shorten the service name`;
}
