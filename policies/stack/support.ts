/** What the stack policies share: type tokens, subjects of messages and readers of resource properties. */


/** The most frequent value; on a tie, the one seen first. */
export function mostCommon(values: string[]): string | undefined {
    const counts = new Map<string, number>();
    values.forEach((value) => counts.set(value, (counts.get(value) ?? 0) + 1));
    return [...counts].reduce<[string, number] | undefined>((best, entry) => (!best || entry[1] > best[1] ? entry : best), undefined)?.[0];
}
