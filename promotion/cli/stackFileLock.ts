/**
 * One promote or rollback at a time per stack file: a lock file next to the file's real path (`.<name>.lock`),
 * created with O_EXCL and holding who took it. A lock is stale when its process is gone (same host, no such pid) or it
 * is older than any command can hold it; a stale lock is broken under a second O_EXCL file, so two commands that find
 * the same stale lock never both take it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeFsError, FileError, isErrnoError } from "../../common";
import { Refusal } from "./errors";

interface Holder {
    pid: number;
    host: string;
    since: string;
    command: string;
}

/** A lock file with content that cannot be read back is left alone this long (its writer may be mid-write). */
const UNREADABLE_GRACE_MS = 60 * 1000;

export class StackFileLock {
    private constructor(
        readonly lockFile: string,
        private readonly holder: Holder,
    ) {}

    /**
     * Takes the lock of `file` (a real path; `name` is how messages call it). `maxAgeMs` is the longest a command may
     * hold a lock: an older one is stale whoever holds it.
     */
    static acquire(file: string, name: string, command: string, maxAgeMs: number): StackFileLock {
        const lockFile = path.join(path.dirname(file), `.${path.basename(file)}.lock`);
        const holder: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), command };
        for (let attempt = 0; attempt < 3; attempt++) {
            if (create(lockFile, JSON.stringify(holder), name)) {
                return new StackFileLock(lockFile, holder);
            }
            const found = inspect(lockFile);
            if (found === "gone") {
                continue;
            }
            if (!isStale(found, maxAgeMs)) {
                throw new Refusal(`${name} is being edited by ${describe(found)} (lock file ${lockFile}); run again once it is done, or delete the lock file if no such command runs`);
            }
            breakStaleLock(lockFile, found, name);
        }
        throw new Refusal(`${name}: could not take the lock ${lockFile}, other commands keep taking it; run again`);
    }

    /** Removes the lock if it is still this command's (a lock broken as stale meanwhile belongs to someone else). */
    release(): void {
        const found = inspect(this.lockFile);
        if (found !== "gone" && found.holder?.pid === this.holder.pid && found.holder.since === this.holder.since && found.holder.host === this.holder.host) {
            fs.rmSync(this.lockFile, { force: true });
        }
    }
}

function create(lockFile: string, content: string, name: string): boolean {
    let fd: number;
    try {
        fd = fs.openSync(lockFile, "wx", 0o644);
    } catch (error) {
        if (isErrnoError(error) && error.code === "EEXIST") {
            return false;
        }
        throw new FileError(`cannot lock ${name}: cannot create ${lockFile}: ${describeFsError(error)}`);
    }
    try {
        fs.writeSync(fd, content);
    } catch (error) {
        fs.closeSync(fd);
        fs.rmSync(lockFile, { force: true });
        throw new FileError(`cannot lock ${name}: cannot write ${lockFile}: ${describeFsError(error)}`);
    }
    fs.closeSync(fd);
    return true;
}

interface Found {
    inode: number;
    modified: number;
    /** The file's content: with the inode, what tells this lock from a new one that reused the inode. */
    text: string;
    holder?: Holder;
}

function inspect(lockFile: string): Found | "gone" {
    let stat: fs.Stats;
    let text: string;
    try {
        stat = fs.statSync(lockFile);
        text = fs.readFileSync(lockFile, "utf8");
    } catch (error) {
        if (isErrnoError(error) && error.code === "ENOENT") {
            return "gone";
        }
        throw new FileError(`cannot read the lock file ${lockFile}: ${describeFsError(error)}`);
    }
    return { inode: stat.ino, modified: stat.mtimeMs, text, holder: parseHolder(text) };
}

function parseHolder(text: string): Holder | undefined {
    try {
        const value = JSON.parse(text) as Partial<Holder>;
        return Number.isInteger(value.pid) && typeof value.host === "string" && typeof value.since === "string" ? (value as Holder) : undefined;
    } catch {
        return undefined;
    }
}

function isStale(found: Found, maxAgeMs: number): boolean {
    const age = Date.now() - found.modified;
    if (!found.holder) {
        return age > UNREADABLE_GRACE_MS;
    }
    if (found.holder.host === os.hostname() && !isRunning(found.holder.pid)) {
        return true;
    }
    return age > maxAgeMs;
}

function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        // EPERM: it runs, as someone else.
        return !(isErrnoError(error) && error.code === "ESRCH");
    }
}

function describe(found: Found): string {
    const holder = found.holder;
    return holder ? `${holder.command || "another command"} (pid ${holder.pid} on ${holder.host}, since ${holder.since})` : "another command";
}

/** Deletes the stale lock `stale` unless someone replaced it meanwhile; only the holder of `.break` may do so. */
function breakStaleLock(lockFile: string, stale: Found, name: string): void {
    const breaker = `${lockFile}.break`;
    if (!create(breaker, String(process.pid), name)) {
        const found = inspect(breaker);
        if (found !== "gone" && Date.now() - found.modified > UNREADABLE_GRACE_MS) {
            fs.rmSync(breaker, { force: true });
        }
        return;
    }
    try {
        const found = inspect(lockFile);
        if (found !== "gone" && found.inode === stale.inode && found.text === stale.text) {
            fs.rmSync(lockFile, { force: true });
        }
    } finally {
        fs.rmSync(breaker, { force: true });
    }
}
