/**
 * Differences held against the declarations for one stack pair: each difference is declared by the first entry
 * that matches it, or undeclared; an entry for the pair that matches no difference is stale, with the reason.
 */
import type { Comparison, Difference } from "./compare";
import { pairKey, RESOURCE_PROPERTY, type Declaration, type Declarations } from "./declarations";

export interface JudgedDifference extends Difference {
    /** The index of the declaring entry; absent when undeclared. */
    declaration?: number;
}

export interface StaleDeclaration {
    declaration: Declaration;
    /** Why it matches nothing, and what to do. */
    why: string;
}

export interface Verdict {
    a: string;
    b: string;
    declarations: Declarations;
    differences: JudgedDifference[];
    stale: StaleDeclaration[];
}

export function judge(comparison: Comparison, declarations: Declarations, a: string, b: string): Verdict {
    const pair = pairKey(a, b);
    const applicable = declarations.entries.filter((entry) => entry.pairs.some(([x, y]) => pairKey(x, y) === pair));
    const differences = comparison.differences.map((difference): JudgedDifference => {
        const entry = applicable.find((candidate) => declares(candidate, difference));
        return entry ? { ...difference, declaration: entry.index } : difference;
    });
    const used = new Set(differences.map((difference) => difference.declaration));
    const stale = applicable.filter((entry) => !used.has(entry.index)).map((entry) => ({ declaration: entry, why: staleness(entry, comparison, a, b) }));
    return { a, b, declarations, differences, stale };
}

export function undeclared(verdict: Verdict): JudgedDifference[] {
    return verdict.differences.filter((difference) => difference.declaration === undefined);
}

/** Whether the verdict lets the pair pass: every difference declared, no declaration stale. */
export function passes(verdict: Verdict): boolean {
    return undeclared(verdict).length === 0 && verdict.stale.length === 0;
}

function declares(entry: Declaration, difference: Difference): boolean {
    if (!glob(entry.resource).test(difference.resource)) {
        return false;
    }
    // `(resource)` is matched whole; a property path also covers every path under it.
    return entry.property === RESOURCE_PROPERTY ? difference.property === RESOURCE_PROPERTY : glob(entry.property, "(?:$|[.[])").test(difference.property);
}

function staleness(entry: Declaration, comparison: Comparison, a: string, b: string): string {
    const remedy = entry.pairs.length > 1 ? `remove ${a}/${b} from its pairs` : "remove the entry";
    if (!comparison.resources.some((resource) => glob(entry.resource).test(resource))) {
        return `no resource of ${a} or ${b} is named ${entry.resource}; ${remedy}, or correct its resource`;
    }
    const what = entry.property === RESOURCE_PROPERTY ? `both declare ${entry.resource}` : `no longer differ in ${entry.property} of ${entry.resource}`;
    return `${a} and ${b} ${what}; ${remedy}`;
}

/** `*` matches any run of characters; everything else literally. */
function glob(pattern: string, end = "$"): RegExp {
    return new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}${end}`);
}
