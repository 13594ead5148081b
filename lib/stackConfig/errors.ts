/** How a refused configuration is reported: one line, naming the file and the key path. */

export class StackConfigError extends Error {
    constructor(
        readonly file: string,
        readonly key: string,
        readonly reason: string,
    ) {
        super(`${file}: ${key}: ${reason}`);
        this.name = "StackConfigError";
    }
}

/** A value as it appears in a message: JSON, shortened. */
export function show(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
