/**
 * Reading and replacing files so that a failure is one line and never half done: a replacement goes through a
 * temporary file in the same directory and a rename, so readers see the old content or the new, and on any failure
 * the target is untouched and no temporary file is left.
 */
import * as fs from "fs";
import * as path from "path";
import { describeFsError, FileError, fileError, isErrnoError } from "./fileErrors";

/** The file's bytes; a dangling symbolic link or an unreadable file is a FileError naming it. */
export function readFileBytes(file: string): Buffer {
    try {
        return fs.readFileSync(file);
    } catch (error) {
        throw isErrnoError(error) && error.code === "ENOENT" && isSymlink(file)
            ? new FileError(`cannot read ${file}: it is a symbolic link to ${fs.readlinkSync(file)}, which does not exist`)
            : fileError("read", file, error);
    }
}

/** `bytes` as UTF-8 text; anything else is a FileError naming the line and the byte (no reader would agree on it). */
export function decodeUtf8(bytes: Buffer, name: string): string {
    try {
        return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
        const offset = firstInvalidUtf8Byte(bytes);
        const line = bytes.subarray(0, offset).toString("latin1").split("\n").length;
        throw new FileError(`${name}: not valid UTF-8 at line ${line} (byte 0x${bytes[offset].toString(16).padStart(2, "0")}); save it as UTF-8`);
    }
}

export interface ReplaceOptions {
    /** Runs once the new content is safely in the temporary file, just before the rename; throw to keep the target. */
    beforeReplace?: () => void;
}

/**
 * Replaces `file` with `data`. A symbolic link is followed, so its target is rewritten and the link stays; the
 * target's mode and owner are kept; a file with other hard links (a rename would leave them behind) or one its mode
 * makes read-only for this user is refused.
 * Throws FileError; whatever `beforeReplace` throws passes through unchanged.
 */
export function replaceFile(file: string, data: string | Buffer, options: ReplaceOptions = {}): void {
    replaceFiles([{ file, data }], options);
}

/**
 * Replaces several files at once: every new content is written and synced to its temporary file first, and only
 * then are they renamed into place, so a failure while writing (a full disk) leaves every file as it was.
 */
export function replaceFiles(files: ReadonlyArray<{ file: string; data: string | Buffer }>, options: ReplaceOptions = {}): void {
    const staged: Staged[] = [];
    try {
        for (const { file, data } of files) {
            staged.push(stage(file, data));
        }
        options.beforeReplace?.();
        for (const { temporary, target, file } of staged) {
            try {
                fs.renameSync(temporary, target);
            } catch (error) {
                throw fileError("write", file, error);
            }
        }
    } finally {
        staged.forEach(({ temporary }) => fs.rmSync(temporary, { force: true }));
    }
    new Set(staged.map(({ target }) => path.dirname(target))).forEach(syncDirectory);
}

let staging = 0;

interface Staged {
    file: string;
    target: string;
    temporary: string;
}

/** `data` written and synced to a temporary file next to where `file` really is, with `file`'s mode and owner. */
function stage(file: string, data: string | Buffer): Staged {
    const target = realPathForWrite(file);
    const existing = statIfExists(target);
    if (existing && !existing.isFile()) {
        throw new FileError(`cannot write ${file}: it is not a regular file`);
    }
    if (existing && existing.nlink > 1) {
        throw new FileError(`cannot write ${file}: it has ${existing.nlink} hard links, and replacing it would leave the others unchanged`);
    }
    if (existing && !isWritable(target)) {
        // A rename would replace it all the same; its mode says it is not to be changed.
        throw new FileError(`cannot write ${file}: it is read-only (mode ${(existing.mode & 0o777).toString(8).padStart(4, "0")})`);
    }
    // Unique per process and call; created with O_EXCL all the same, so a stale file of that name is never reused.
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}${(staging++).toString(36)}.tmp`);
    let fd: number;
    try {
        fd = fs.openSync(temporary, "wx", 0o600);
    } catch (error) {
        throw new FileError(`cannot write ${file}: cannot create a file in ${path.dirname(target)}: ${describeFsError(error)}`);
    }
    try {
        writeAll(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
        if (existing) {
            keepModeAndOwner(fd, existing, file);
        }
        fs.fsyncSync(fd);
    } catch (error) {
        fs.closeSync(fd);
        fs.rmSync(temporary, { force: true });
        throw error instanceof FileError ? error : fileError("write", file, error);
    }
    fs.closeSync(fd);
    return { file, target, temporary };
}

/** Creates `directory` (and its parents) if missing; returns a function that removes what it created. */
export function ensureDirectory(directory: string): () => void {
    const existing = statIfExists(directory);
    if (existing && !existing.isDirectory()) {
        throw new FileError(`cannot write into ${directory}: it is not a directory`);
    }
    let created: string | undefined;
    try {
        created = fs.mkdirSync(directory, { recursive: true });
    } catch (error) {
        throw fileError("create the directory", directory, error);
    }
    return () => {
        if (created) {
            fs.rmSync(created, { recursive: true, force: true });
        }
    };
}

function firstInvalidUtf8Byte(bytes: Buffer): number {
    const lenient = Buffer.from(bytes.toString("utf8"), "utf8");
    let offset = 0;
    while (offset < bytes.length && bytes[offset] === lenient[offset]) {
        offset++;
    }
    return Math.min(offset, bytes.length - 1);
}

function isWritable(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.W_OK);
        return true;
    } catch {
        return false;
    }
}

function isSymlink(file: string): boolean {
    try {
        return fs.lstatSync(file).isSymbolicLink();
    } catch {
        return false;
    }
}

/** Where writing `file` puts the bytes: the final target of a symbolic link, or the file itself (may not exist yet). */
export function realPathForWrite(file: string): string {
    if (!isSymlink(file)) {
        return file;
    }
    try {
        return fs.realpathSync(file);
    } catch (error) {
        throw isErrnoError(error) && error.code === "ENOENT"
            ? new FileError(`cannot write ${file}: it is a symbolic link to ${fs.readlinkSync(file)}, which does not exist`)
            : fileError("write", file, error);
    }
}

function statIfExists(file: string): fs.Stats | undefined {
    try {
        return fs.statSync(file);
    } catch (error) {
        if (isErrnoError(error) && error.code === "ENOENT") {
            return undefined;
        }
        throw fileError("write", file, error);
    }
}

function writeAll(fd: number, bytes: Buffer): void {
    let written = 0;
    while (written < bytes.length) {
        written += fs.writeSync(fd, bytes, written, bytes.length - written);
    }
}

function keepModeAndOwner(fd: number, existing: fs.Stats, file: string): void {
    fs.fchmodSync(fd, existing.mode & 0o7777);
    const mine = fs.fstatSync(fd);
    if (mine.uid !== existing.uid || mine.gid !== existing.gid) {
        try {
            fs.fchownSync(fd, existing.uid, existing.gid);
        } catch (error) {
            throw new FileError(`cannot write ${file} and keep its owner (${existing.uid}:${existing.gid}): ${describeFsError(error)}`);
        }
    }
}

/** The rename itself is durable only once the directory is synced; a failure here changes nothing already done. */
function syncDirectory(directory: string): void {
    try {
        const fd = fs.openSync(directory, "r");
        try {
            fs.fsyncSync(fd);
        } finally {
            fs.closeSync(fd);
        }
    } catch {
        // Some file systems refuse fsync on a directory; the rename has happened either way.
    }
}
