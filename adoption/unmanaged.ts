/** Live resources no stack manages: after the cutover each is retired (docs/cutover.md) or kept on purpose. */
import type { AdoptionReport } from "./check";

/**
 * `unmanaged: <kind> <name>` for each estate resource that no stack creates or imports, given the report of every
 * stack of the project (a resource one stack leaves is usually another's).
 */
export function unmanagedLines(reports: readonly AdoptionReport[]): string[] {
    const byEstate = new Map<string, string[][]>();
    for (const report of reports) {
        byEstate.set(report.estate.file, [...(byEstate.get(report.estate.file) ?? []), report.unclaimed]);
    }
    return [...byEstate.values()].flatMap((lists) => lists.reduce((left, list) => left.filter((label) => list.includes(label)))).map((label) => `unmanaged: ${label}`);
}
