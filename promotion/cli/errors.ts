/** How the promotion tools end: each failure is one line, and its class picks the exit status. */

/** A guard refused (exit 1): the input was fine, the promotion is not. */
export class Refusal extends Error {
    readonly exitCode = 1;
}

/** Bad usage or unreadable input (exit 2). */
export class BadInput extends Error {
    readonly exitCode = 2;
}
