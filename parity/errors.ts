/** How the parity report ends when it cannot compare: one line, and its class picks the exit status. */

/** Bad usage (exit 2). */
export class UsageError extends Error {
    readonly exitCode = 2;
}

/** Unreadable or invalid input (a stack file, `parity.yaml`), or a stack the program itself refuses to deploy. */
export class ParityRefusal extends Error {
    constructor(
        message: string,
        /** 1 when the config is valid but would not deploy (the upstream guard), 2 when the input is invalid. */
        readonly exitCode: 1 | 2,
    ) {
        super(message);
    }
}
