/** The board as text: one row per service and stack, in promotion order. */
import { shortDigest } from "../components/pipeline/reports";
import type { Board, Cell } from "./board";

/** `3h 10m`, `2d 4h`: bake time as people read it. */
export function duration(minutes: number): string {
    if (minutes < 60) {
        return `${minutes}m`;
    }
    if (minutes < 48 * 60) {
        return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
    }
    return `${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h`;
}

/** What the board says about promoting a cell, in words. */
export function verdict(cell: Cell): string {
    switch (cell.promotion) {
        case "last":
            return "last stack";
        case "current":
            return `${cell.next} runs it`;
        case "promotable":
            return `may promote to ${cell.next} now`;
        case "held":
            return `held (${cell.next}): ${cell.blockers.map((blocker) => `${blocker.guard}: ${blocker.reason}`).join("; ")}`;
    }
}

const deployed = (cell: Cell) => (cell.deployedAt ? `${cell.deployedAt.slice(0, 16).replace("T", " ")}Z` : "?");

export function renderText(board: Board): string {
    const header = ["service", "stack", "digest", "commit", "deployed", "baked", "stack file", "promotion"];
    const rows = board.services.flatMap((service) =>
        board.stacks.map((stack) => {
            const cell = board.cells[service][stack];
            return [
                service,
                stack,
                cell.digest ? shortDigest(cell.digest) : "(none)",
                cell.commit?.slice(0, 7) ?? "?",
                deployed(cell),
                cell.bakedMinutes === undefined ? "?" : duration(cell.bakedMinutes),
                cell.fileDigest ? `differs: ${shortDigest(cell.fileDigest)}` : "same",
                verdict(cell),
            ];
        }),
    );
    const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
    const line = (row: string[]) => row.map((text, column) => (column === row.length - 1 ? text : text.padEnd(widths[column]))).join("  ");
    return [`status at ${board.generatedAt} (program ${board.program.slice(0, 19)})`, line(header), ...rows.map(line), ...board.notes.map((note) => `note: ${note}`)].join("\n");
}
