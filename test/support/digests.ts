/** A digest made of one repeated hex digit: easy to tell apart in failures. */
export function digestOf(hex: string): string {
    return `sha256:${hex.repeat(64)}`;
}
