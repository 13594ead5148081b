/** Values quoted in one-line messages, kept short. */

/** `text`, cut to `max` characters (ending in "...") when longer. */
export function truncate(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** A value as messages quote it: its JSON, cut to `max` characters. */
export function show(value: unknown, max = 80): string {
    return truncate(JSON.stringify(value) ?? String(value), max);
}
