/** File-system failures as people read them: one line naming the file, what was being done and why it failed. */

/** A file could not be read, written or locked; the message is the whole story (no stack trace needed). */
export class FileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "FileError";
    }
}

const REASONS: Readonly<Record<string, string>> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    EFBIG: "file too large",
    ENOENT: "no such file or directory",
    EISDIR: "is a directory",
    ENOTDIR: "not a directory",
    ELOOP: "too many levels of symbolic links",
    EEXIST: "already exists",
    EMFILE: "too many open files",
    EIO: "input/output error",
};

export function isErrnoError(error: unknown): error is NodeJS.ErrnoException {
    return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}

/** "no space left on device (ENOSPC)", or the error's own message when it carries no errno code. */
export function describeFsError(error: unknown): string {
    if (!isErrnoError(error)) {
        return error instanceof Error ? error.message : String(error);
    }
    const code = error.code!;
    return REASONS[code] ? `${REASONS[code]} (${code})` : code;
}

/** `cannot <doing> <file>: <reason>` as a FileError. */
export function fileError(doing: string, file: string, error: unknown): FileError {
    return new FileError(`cannot ${doing} ${file}: ${describeFsError(error)}`);
}
