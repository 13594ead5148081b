/** Text helpers every concept's messages use, and file reads and writes that fail in one line and never half way. */
export { describeFsError, FileError, isErrnoError } from "./fileErrors";
export { decodeUtf8, ensureDirectory, readFileBytes, realPathForWrite, replaceFile, replaceFiles, type ReplaceOptions } from "./files";
export { PROTOTYPE_KEY_REASON, prototypeKeyPath } from "./prototypeKeys";
export { closest } from "./suggest";
export { show, truncate } from "./text";
export { unsafeCharacter } from "./yamlText";
