/** How the plan ends when it cannot show a plan: each failure is one line, and its class picks the exit status. */

/** Bad usage (exit 2). */
export class UsageError extends Error {
    readonly exitCode = 2;
}

/** Invalid or unreadable config, or the upstream guard refusing a digest: the program's own one-line refusal. */
export class PlanRefusal extends Error {
    constructor(
        message: string,
        /** 1 when the config is valid but would not deploy (the upstream guard), 2 when the input is invalid. */
        readonly exitCode: 1 | 2,
    ) {
        super(message);
    }
}
