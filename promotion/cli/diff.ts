/** A line diff of a stack file before and after an edit, for the reviewer. */

/** Changed lines with `-`/`+`, `context` unchanged lines around each change, `...` between hunks. */
export function lineDiff(before: string, after: string, context = 2): string {
    const a = lines(before);
    const b = lines(after);
    const ops = diffOps(a, b);
    const keep = new Set<number>();
    ops.forEach((op, index) => {
        if (op.kind !== " ") {
            for (let near = index - context; near <= index + context; near++) {
                keep.add(near);
            }
        }
    });
    const shown: string[] = [];
    let last = -1;
    ops.forEach((op, index) => {
        if (!keep.has(index)) {
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

interface Op {
    kind: " " | "-" | "+";
    line: string;
}

/** Longest common subsequence; stack files are a few hundred lines at most. */
function diffOps(a: string[], b: string[]): Op[] {
    const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) {
        for (let j = b.length - 1; j >= 0; j--) {
            lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
        }
    }
    const ops: Op[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        if (i < a.length && j < b.length && a[i] === b[j]) {
            ops.push({ kind: " ", line: a[i++] });
            j++;
        } else if (i < a.length && (j === b.length || lengths[i + 1][j] >= lengths[i][j + 1])) {
            ops.push({ kind: "-", line: a[i++] });
        } else {
            ops.push({ kind: "+", line: b[j++] });
        }
    }
    return ops;
}
