/** Audit entries: who made a release, and when. */
import { execFileSync } from "child_process";
import { BadInput } from "./errors";

/** `git config user.email`, else $USER: the `by` of every entry. */
export function releaser(projectDir: string): string {
    try {
        const email = execFileSync("git", ["config", "user.email"], { cwd: projectDir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
        if (email) {
            return email;
        }
    } catch {
        // not a repository, or no email configured: fall back to the login name
    }
    const user = process.env.USER?.trim();
    if (!user) {
        throw new BadInput("cannot tell who is releasing: set git config user.email (or USER)");
    }
    return user;
}

/** UTC ISO time without milliseconds, as `bilko:releases[].at` is written. */
export function releaseTime(now: Date): string {
    return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}
