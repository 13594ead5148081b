/**
 * Under the engine, a RunError a program raises asynchronously (inside an apply, as the upstream guard does) is
 * printed by the language host and fails the run; whatever waits on it is never registered. The mock runtime reports
 * nothing and the evaluation waits forever for those registrations. This turns such an error into a rejection, the
 * way `pulumi preview` would fail, so the offline plan stops with the program's one-line reason.
 */
import * as pulumi from "@pulumi/pulumi";

/** The program refused to deploy (an error it raised itself, with a message meant for the user). */
export class ProgramRefusal extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramRefusal";
    }
}

export function refusalOrResult<T>(evaluation: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const stopListening = () => process.off("unhandledRejection", onRejection);
        function onRejection(reason: unknown): void {
            if (pulumi.RunError.isInstance(reason)) {
                // Every resource waiting on the refused one rejects with the same error: keep listening, so the
                // repeats are absorbed as the language host absorbs them.
                reject(new ProgramRefusal(reason.message));
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
                reject(error instanceof Error ? error : new Error(String(error)));
            },
        );
    });
}
