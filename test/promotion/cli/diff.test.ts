import * as assert from "assert";
import { diffLines, lineDiff } from "../../../promotion/cli/diff";

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
    let state = seed;
    return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** The length of a longest common subsequence, the textbook way: what a minimal diff keeps. */
function lcs(a: string[], b: string[]): number {
    let next = new Array<number>(b.length + 1).fill(0);
    for (let i = a.length - 1; i >= 0; i--) {
        const row = new Array<number>(b.length + 1).fill(0);
        for (let j = b.length - 1; j >= 0; j--) {
            row[j] = a[i] === b[j] ? next[j + 1] + 1 : Math.max(next[j], row[j + 1]);
        }
        next = row;
    }
    return next[0];
}

/** Audit entries as promote writes them: seven lines each, most of them repeated in every entry. */
function entries(count: number, digest: (index: number) => string): string[] {
    return Array.from({ length: count }, (_, index) => [`  - service: "s${index % 100}"`, `    digest: "${digest(index)}"`, '    from: "demo"', '    at: "2026-11-22T00:00:00Z"', '    by: "bench"', '    kind: "promote"', '    reason: "synthetic"']).flat();
}

describe("the stack-file diff", () => {
    it("is an exact edit script: its kept and removed lines are the old text, its kept and added lines the new", () => {
        const next = random(7);
        let notMinimal = 0;
        for (let round = 0; round < 1500; round++) {
            const alphabet = 1 + Math.floor(next() * 6);
            const text = () => Array.from({ length: Math.floor(next() * 14) }, () => `line ${Math.floor(next() * alphabet)}`);
            const [a, b] = [text(), text()];
            const ops = diffLines(a, b);
            assert.deepStrictEqual(ops.filter((op) => op.kind !== "+").map((op) => op.line), a);
            assert.deepStrictEqual(ops.filter((op) => op.kind !== "-").map((op) => op.line), b);
            notMinimal += ops.filter((op) => op.kind === " ").length < lcs(a, b) ? 1 : 0;
        }
        // Anchoring on unique lines trades minimality for speed now and then, never correctness.
        assert.ok(notMinimal < 150, `${notMinimal} of 1500 diffs kept fewer lines than possible`);
    });

    it("shows a changed line between two lines of context, hunks apart separated by ...", () => {
        const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"].join("\n");
        const after = before.replace("c", "C").replace("j", "J");
        assert.strictEqual(lineDiff(before, after), ["  a", "  b", "- c", "+ C", "  d", "  e", "...", "  h", "  i", "- j", "+ J", "  k"].join("\n"));
    });

    it("shows the oldest entries dropped and the new ones appended, however long the audit trail", () => {
        const before = entries(2000, (index) => `sha256:${index}`);
        const after = [...before.slice(7 * 100), ...entries(100, (index) => `sha256:new${index}`)];
        const ops = diffLines(before, after);
        assert.strictEqual(ops.filter((op) => op.kind === "-").length, 700);
        assert.strictEqual(ops.filter((op) => op.kind === "+").length, 700);
        const digests = (lines: string[]) => lines.filter((line) => line.includes("digest:"));
        assert.deepStrictEqual(
            digests(ops.filter((op) => op.kind === "-").map((op) => op.line)),
            digests(before.slice(0, 700)),
            "exactly the dropped entries are removed, even though most of their lines repeat in every entry",
        );
    });

    it("falls back to removing and adding a whole gap with no line to anchor on, still exactly", () => {
        const next = random(11);
        const a = Array.from({ length: 3000 }, () => (next() < 0.5 ? "x" : "y"));
        const b = Array.from({ length: 3000 }, () => (next() < 0.5 ? "x" : "y"));
        const ops = diffLines(a, b);
        assert.deepStrictEqual(ops.filter((op) => op.kind !== "+").map((op) => op.line), a);
        assert.deepStrictEqual(ops.filter((op) => op.kind !== "-").map((op) => op.line), b);
    });
});
