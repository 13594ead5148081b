/**
 * A line diff of a stack file before and after an edit, for the reviewer. Its cost stays near linear in the file's
 * length: lines that occur exactly once on each side (a digest, a hostname, a dated audit entry) and in the same
 * order anchor the two texts (patience diff), and only the small gaps between anchors get Myers's O(ND) diff. A gap
 * that would need more than MAX_EDITS edits is shown whole, removed then added, rather than searched further.
 */

export interface Op {
    kind: " " | "-" | "+";
    line: string;
}

/** Beyond this many edits in one gap between anchors, the gap is shown as removed and added as a whole. */
const MAX_EDITS = 400;

/** Changed lines with `-`/`+`, `context` unchanged lines around each change, `...` between hunks. */
export function lineDiff(before: string, after: string, context = 2): string {
    const ops = diffLines(lines(before), lines(after));
    const keep = new Uint8Array(ops.length);
    ops.forEach((op, index) => {
        if (op.kind !== " ") {
            keep.fill(1, Math.max(0, index - context), Math.min(ops.length, index + context + 1));
        }
    });
    const shown: string[] = [];
    let last = -1;
    ops.forEach((op, index) => {
        if (!keep[index]) {
            return;
        }
        if (last !== -1 && index !== last + 1) {
            shown.push("...");
        }
        shown.push(`${op.kind} ${op.line}`.trimEnd());
        last = index;
    });
    return shown.join("\n");
}

function lines(text: string): string[] {
    return text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
}

/** The edit script from `a` to `b`: every line of `a` once (kept or removed), every line of `b` once (kept or added). */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
    // Lines as numbers: every comparison below is then one integer comparison.
    const ids = new Map<string, number>();
    const intern = (line: string) => ids.get(line) ?? (ids.set(line, ids.size), ids.size - 1);
    const script = new Script(a, b, Int32Array.from(a, intern), Int32Array.from(b, intern));
    script.range(0, a.length, 0, b.length);
    return script.ops;
}

class Script {
    readonly ops: Op[] = [];

    constructor(
        private readonly a: readonly string[],
        private readonly b: readonly string[],
        private readonly x: Int32Array,
        private readonly y: Int32Array,
    ) {}

    range(aLo: number, aHi: number, bLo: number, bHi: number): void {
        while (aLo < aHi && bLo < bHi && this.x[aLo] === this.y[bLo]) {
            this.keep(aLo++);
            bLo++;
        }
        let suffix = 0;
        while (aHi - suffix > aLo && bHi - suffix > bLo && this.x[aHi - 1 - suffix] === this.y[bHi - 1 - suffix]) {
            suffix++;
        }
        aHi -= suffix;
        bHi -= suffix;
        if (aLo === aHi || bLo === bHi) {
            this.replace(aLo, aHi, bLo, bHi);
        } else {
            const anchors = this.anchors(aLo, aHi, bLo, bHi);
            if (anchors.length === 0) {
                this.myers(aLo, aHi, bLo, bHi);
            } else {
                for (const [i, j] of anchors) {
                    this.range(aLo, i, bLo, j);
                    this.keep(i);
                    aLo = i + 1;
                    bLo = j + 1;
                }
                this.range(aLo, aHi, bLo, bHi);
            }
        }
        for (let index = aHi; index < aHi + suffix; index++) {
            this.keep(index);
        }
    }

    private keep(index: number): void {
        this.ops.push({ kind: " ", line: this.a[index] });
    }

    private replace(aLo: number, aHi: number, bLo: number, bHi: number): void {
        for (let i = aLo; i < aHi; i++) {
            this.ops.push({ kind: "-", line: this.a[i] });
        }
        for (let j = bLo; j < bHi; j++) {
            this.ops.push({ kind: "+", line: this.b[j] });
        }
    }

    /** Pairs (i, j) of lines unique on both sides, increasing on both: the longest such chain (patience sorting). */
    private anchors(aLo: number, aHi: number, bLo: number, bHi: number): Array<[number, number]> {
        const seen = new Map<number, { inA: number; at: number; inB: number; bAt: number }>();
        for (let i = aLo; i < aHi; i++) {
            const entry = seen.get(this.x[i]);
            if (entry) {
                entry.inA++;
            } else {
                seen.set(this.x[i], { inA: 1, at: i, inB: 0, bAt: -1 });
            }
        }
        for (let j = bLo; j < bHi; j++) {
            const entry = seen.get(this.y[j]);
            if (entry) {
                entry.inB++;
                entry.bAt = j;
            }
        }
        const pairs: Array<[number, number]> = [];
        for (const entry of seen.values()) {
            if (entry.inA === 1 && entry.inB === 1) {
                pairs.push([entry.at, entry.bAt]);
            }
        }
        pairs.sort((p, q) => p[0] - q[0]);
        return longestIncreasing(pairs);
    }

    /** Myers's greedy diff of one gap, keeping each round's frontier to walk the path back; bounded by MAX_EDITS. */
    private myers(aLo: number, aHi: number, bLo: number, bHi: number): void {
        const n = aHi - aLo;
        const m = bHi - bLo;
        const limit = Math.min(n + m, MAX_EDITS);
        const offset = limit + 1;
        let frontier = new Int32Array(2 * limit + 3);
        const rounds: Int32Array[] = [];
        for (let d = 0; d <= limit; d++) {
            rounds.push(frontier);
            frontier = frontier.slice();
            for (let k = -d; k <= d; k += 2) {
                let i = k === -d || (k !== d && frontier[offset + k - 1] < frontier[offset + k + 1]) ? frontier[offset + k + 1] : frontier[offset + k - 1] + 1;
                let j = i - k;
                while (i < n && j < m && this.x[aLo + i] === this.y[bLo + j]) {
                    i++;
                    j++;
                }
                frontier[offset + k] = i;
                if (i >= n && j >= m) {
                    this.walkBack(rounds, offset, aLo, bLo, n, m);
                    return;
                }
            }
        }
        this.replace(aLo, aHi, bLo, bHi);
    }

    private walkBack(rounds: Int32Array[], offset: number, aLo: number, bLo: number, n: number, m: number): void {
        const reversed: Op[] = [];
        let i = n;
        let j = m;
        for (let d = rounds.length - 1; d >= 0; d--) {
            const frontier = rounds[d];
            const k = i - j;
            const previousK = k === -d || (k !== d && frontier[offset + k - 1] < frontier[offset + k + 1]) ? k + 1 : k - 1;
            const previousI = d === 0 ? 0 : frontier[offset + previousK];
            const previousJ = d === 0 ? 0 : previousI - previousK;
            while (i > previousI && j > previousJ) {
                reversed.push({ kind: " ", line: this.a[aLo + --i] });
                j--;
            }
            if (d > 0) {
                reversed.push(i === previousI ? { kind: "+", line: this.b[bLo + --j] } : { kind: "-", line: this.a[aLo + --i] });
            }
        }
        for (let index = reversed.length - 1; index >= 0; index--) {
            this.ops.push(reversed[index]);
        }
    }
}

/** The longest chain of pairs increasing in their second element (they come sorted by the first), in O(k log k). */
function longestIncreasing(pairs: Array<[number, number]>): Array<[number, number]> {
    const tails: number[] = [];
    const previous = new Int32Array(pairs.length).fill(-1);
    pairs.forEach(([, j], index) => {
        let low = 0;
        let high = tails.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (pairs[tails[middle]][1] < j) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        previous[index] = low > 0 ? tails[low - 1] : -1;
        tails[low] = index;
    });
    const chain: Array<[number, number]> = [];
    for (let index = tails.length > 0 ? tails[tails.length - 1] : -1; index !== -1; index = previous[index]) {
        chain.push(pairs[index]);
    }
    return chain.reverse();
}
