/** Audit entries: who made a release, and when. */
import { BadInput } from "./errors";
import { runTool, ToolFailure, type ToolContext } from "./pulumiCli";

/** `git config user.email`, else $USER: the `by` of every entry. */
export async function releaser(tools: ToolContext): Promise<string> {
    try {
        const email = (await runTool(tools, "git", ["config", "user.email"])).trim();
        if (email) {
            return email;
        }
    } catch (error) {
        // Not a repository, no email configured, or no git at all: fall back to the login name. A git that hangs or
        // is killed is a real problem and says so.
        if (!(error instanceof ToolFailure && (error.failure === "missing" || error.failure === "exit"))) {
            throw error;
        }
    }
    const user = tools.env.USER?.trim();
    if (!user) {
        throw new BadInput("cannot tell who is releasing: set git config user.email (or USER)");
    }
    return user;
}

/** UTC ISO time without milliseconds, as `bilko:releases[].at` is written. */
export function releaseTime(now: Date): string {
    return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}
