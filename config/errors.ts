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
