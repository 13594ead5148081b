/** The Google Cloud resources named inside `bilko:pipeline` values, which the pipeline's accounts are granted on. */

/** `gs://bucket/optional/prefix` -> `bucket`; `undefined` for any other backend. */
export function stateBucketOf(stateBackend: string): string | undefined {
    return /^gs:\/\/([^/]+)/.exec(stateBackend)?.[1];
}

/** `gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k` -> the key's resource name; `undefined` for other providers. */
export function secretsKeyOf(secretsProvider: string): string | undefined {
    return /^gcpkms:\/\/(projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/?]+)$/.exec(secretsProvider)?.[1];
}

/** Region of a 2nd-gen repository id (`projects/p/locations/<l>/connections/c/repositories/r`). */
export function repositoryLocationOf(repository: string): string | undefined {
    return /\/locations\/([^/]+)\//.exec(repository)?.[1];
}
