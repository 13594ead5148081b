/** The parity verdict as people read it (aligned rows: resource  property  A-value  B-value) and as one JSON document. */
import { ABSENT, type Value } from "./compare";
import { undeclared, type JudgedDifference, type Verdict } from "./verdict";

/** How a value is shown in a row: strings as they are, anything else as JSON. */
export function shown(value: Value): string {
    if (value === ABSENT) {
        return "(absent)";
    }
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** One line: what differs, how much of it is declared, how many declarations are stale. */
export function summary(verdict: Verdict): string {
    const open = undeclared(verdict).length;
    const total = verdict.differences.length;
    const stale = verdict.stale.length;
    return (
        `${verdict.a} -> ${verdict.b}: ${total} difference${total === 1 ? "" : "s"}, ${total - open} declared in ${verdict.declarations.file}, ${open} undeclared; ` +
        `${stale} stale declaration${stale === 1 ? "" : "s"}`
    );
}

export function renderTable(verdict: Verdict): string {
    const header = ["resource", "property", verdict.a, verdict.b];
    const rowOf = (difference: JudgedDifference) => [difference.resource, difference.property, shown(difference.a), shown(difference.b)];
    const open = undeclared(verdict);
    const declared = verdict.differences.filter((difference) => difference.declaration !== undefined);
    const widths = [0, 1, 2].map((column) => Math.max(...[header, ...verdict.differences.map(rowOf)].map((row) => row[column].length)));
    const line = (row: string[], indent: string) => `${indent}${[...row.slice(0, 3).map((cell, column) => cell.padEnd(widths[column])), row[3]].join("  ")}`;
    const sections = [`parity ${summary(verdict)}`];
    if (open.length > 0) {
        sections.push([`undeclared differences (declare each in ${verdict.declarations.file} with a reason, or remove it):`, line(header, "  "), ...open.map((difference) => line(rowOf(difference), "  "))].join("\n"));
    }
    if (declared.length > 0) {
        const groups = [...new Set(declared.map((difference) => difference.declaration!))].sort((x, y) => x - y);
        const lines = groups.flatMap((index) => [
            `  differences[${index}]: ${verdict.declarations.entries[index].reason}`,
            ...declared.filter((difference) => difference.declaration === index).map((difference) => line(rowOf(difference), "    ")),
        ]);
        sections.push([`declared differences (${verdict.declarations.file}):`, line(header, "    "), ...lines].join("\n"));
    }
    if (verdict.stale.length > 0) {
        sections.push(
            [
                `stale declarations (${verdict.declarations.file}):`,
                ...verdict.stale.map(({ declaration, why }) => `  differences[${declaration.index}] (${declaration.resource}  ${declaration.property}): ${why}`),
            ].join("\n"),
        );
    }
    return sections.join("\n\n");
}

export function renderJson(verdict: Verdict): string {
    return JSON.stringify({
        stacks: [verdict.a, verdict.b],
        declarations: verdict.declarations.file,
        differences: verdict.differences.map(({ resource, property, a, b, declaration }) => ({
            resource,
            property,
            ...(a === ABSENT ? {} : { a }),
            ...(b === ABSENT ? {} : { b }),
            ...(declaration === undefined ? {} : { declaration }),
        })),
        undeclared: undeclared(verdict).length,
        stale: verdict.stale.map(({ declaration, why }) => ({ declaration: declaration.index, resource: declaration.resource, property: declaration.property, why })),
    });
}
