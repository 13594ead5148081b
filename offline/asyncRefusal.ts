/**
 * Under the engine, a RunError a program raises asynchronously (inside an apply, as the upstream guard does) is
 * printed by the language host and fails the run; whatever waits on it is never registered. The mock runtime reports
 * nothing and the evaluation waits forever for those registrations. This turns such an error into a rejection, the
 * way `pulumi preview` would fail, so the offline plan stops with the program's one-line reason. A stack reference
 * whose read fails (offline: no committed file to answer it from) ends the evaluation the same way.
 */
import * as pulumi from "@pulumi/pulumi";

/** The program refused to deploy (an error it raised itself, with a message meant for the user). */
export class ProgramRefusal extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramRefusal";
    }
}

/** A stack reference could not be read; `reason` says why in one line. */
export class StackReferenceFailure extends Error {
    constructor(
        readonly reference: string,
        readonly reason: string,
    ) {
        super(`stack reference "${reference}": ${reason}`);
        this.name = "StackReferenceFailure";
    }
}

/** How the SDK (3.248) words a failed read of a StackReference, the only resource the program reads. */
const FAILED_REFERENCE = /^failed to read resource #(.*?) '[^']*' \[pulumi:pulumi:StackReference\]: (.*)$/s;

function failedReference(error: unknown): StackReferenceFailure | undefined {
    const match = error instanceof Error ? FAILED_REFERENCE.exec(error.message) : null;
    return match ? new StackReferenceFailure(match[1], match[2]) : undefined;
}

/** A refusal raised in an apply, or a failed stack reference read, as its own error; anything else is undefined. */
function expected(reason: unknown): Error | undefined {
    return pulumi.RunError.isInstance(reason) ? new ProgramRefusal(reason.message) : failedReference(reason);
}

export function refusalOrResult<T>(evaluation: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const stopListening = () => process.off("unhandledRejection", onRejection);
        function onRejection(reason: unknown): void {
            const refusal = expected(reason);
            if (refusal) {
                // Every resource waiting on the refused one rejects with the same error: keep listening, so the
                // repeats are absorbed as the language host absorbs them.
                reject(refusal);
                return;
            }
            stopListening();
            reject(reason instanceof Error ? reason : new Error(String(reason)));
        }
        process.on("unhandledRejection", onRejection);
        evaluation.then(
            // A refusal raised by the last registrations surfaces before the next turn of the event loop.
            (plan) => setImmediate(() => {
                stopListening();
                resolve(plan);
            }),
            (error: unknown) => {
                stopListening();
                reject(failedReference(error) ?? (error instanceof Error ? error : new Error(String(error))));
            },
        );
    });
}
