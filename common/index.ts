/**
 * Helpers every concept shares: text for messages, the one way tools call gcloud, and file reads and writes that fail
 * in one line and never half way.
 */
export { describeFsError, FileError, isErrnoError } from "./fileErrors";
export { decodeUtf8, ensureDirectory, readFileBytes, realPathForWrite, replaceFile, replaceFiles, type ReplaceOptions } from "./files";
export { gcloud, GcloudError, gcloudJson, GCLOUD_TIMEOUT_MS } from "./gcloud";
export { PROTOTYPE_KEY_REASON, prototypeKeyPath } from "./prototypeKeys";
export { closest } from "./suggest";
export { show, truncate } from "./text";
export { unsafeCharacter } from "./yamlText";
