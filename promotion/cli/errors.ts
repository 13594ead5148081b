/**
 * How the promotion tools end: each failure is one line, and its class picks the exit status. `EXIT_STATUSES` is the
 * one list of them: `--help` prints it and docs/promotion.md's table must say the same (a test compares them).
 */

export const EXIT_STATUSES = [
    { status: 0, meaning: "done: the stack file was written (with --dry-run: the diff printed), or there was nothing to do" },
    { status: 1, meaning: "refused, nothing written: a guard failed (--force --reason passes it), the stack file changed while the command ran, or another promote or rollback is editing it" },
    {
        status: 2,
        meaning:
            "bad usage or unusable input, nothing written: the arguments, BILKO_TOOL_TIMEOUT_SECONDS, or no project where it runs; " +
            "a stack file that cannot be read, parsed or edited safely; pulumi failing, timing out, killed or printing something unexpected " +
            "(another stack's outputs included), or git timing out or killed; a file that cannot be written (a read-only directory, a full disk)",
    },
    { status: 130, meaning: "interrupted by SIGINT (Ctrl-C): the running pulumi or git was stopped, nothing written" },
    { status: 143, meaning: "stopped by SIGTERM: the same" },
] as const;

/** A guard refused (exit 1): the input was fine, the promotion is not. */
export class Refusal extends Error {
    readonly exitCode = 1;
}

/** Bad usage or unusable input (exit 2). */
export class BadInput extends Error {
    readonly exitCode = 2;
}

const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The user stopped the command (exit 128 + the signal's number, as shells report it). */
export class Interrupted extends Error {
    readonly exitCode: number;

    constructor(readonly signal: NodeJS.Signals) {
        super(`interrupted by ${signal}; nothing written`);
        this.exitCode = 128 + (SIGNAL_NUMBERS[signal] ?? 0);
    }
}

/** `exit status: 0 ...` lines for `--help`, from EXIT_STATUSES, each meaning wrapped under itself. */
export function exitStatusHelp(width = 110): string {
    const indent = " ".repeat("exit status: ".length + 4);
    return EXIT_STATUSES.map((entry, index) => {
        const lines = [`${index === 0 ? "exit status: " : " ".repeat(13)}${String(entry.status).padEnd(4)}`];
        for (const word of entry.meaning.split(" ")) {
            const last = lines[lines.length - 1];
            if (last.length + word.length + 1 > width && last.trim().length > 4) {
                lines.push(`${indent}${word}`);
            } else {
                lines[lines.length - 1] = last.endsWith(" ") ? `${last}${word}` : `${last} ${word}`;
            }
        }
        return lines.join("\n");
    }).join("\n");
}
