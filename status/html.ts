/**
 * The board as one self-contained HTML page (inline style, no script, no external asset): services down, stacks
 * across, each cell with its digest, commit, deployment, bake time and verdict. A coloured band on top of each cell
 * says the verdict and a band below it whether the stack file differs; cells have a fixed size, so the page lays out
 * the same everywhere.
 */
import { shortDigest } from "../components/pipeline/reports";
import type { Board, Cell } from "./board";
import { duration, verdict } from "./render";

/** The band colour of each verdict, and of a stack file that differs from what runs. */
export const COLOURS = {
    promotable: "#2e7d32",
    held: "#c62828",
    current: "#1565c0",
    last: "#757575",
    fileDiffers: "#f9a825",
    fileSame: "#e0e0e0",
} as const;

export const LAYOUT = { cellWidth: 330, cellHeight: 190, serviceColumn: 110, band: 14 } as const;

function escape(text: string): string {
    return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function cellHtml(service: string, stack: string, cell: Cell): string {
    const lines = [
        `<b>${escape(cell.digest ? shortDigest(cell.digest) : "(no digest)")}</b>`,
        `commit ${escape(cell.commit?.slice(0, 7) ?? "?")}`,
        `deployed ${escape(cell.deployedAt ? `${cell.deployedAt.slice(0, 16).replace("T", " ")}Z` : "?")}`,
        `baked ${escape(cell.bakedMinutes === undefined ? "?" : duration(cell.bakedMinutes))}`,
        escape(verdict(cell)),
        escape(cell.fileDigest ? `stack file differs: ${shortDigest(cell.fileDigest)}` : "stack file: same"),
    ];
    return [
        `<td class="cell" data-service="${escape(service)}" data-stack="${escape(stack)}" data-promotion="${cell.promotion}" data-file="${cell.fileDigest ? "differs" : "same"}">`,
        `<div class="band verdict ${cell.promotion}"></div>`,
        `<div class="text">${lines.join("<br>")}</div>`,
        `<div class="band file ${cell.fileDigest ? "differs" : "same"}"></div>`,
        `</td>`,
    ].join("");
}

export function renderHtml(board: Board): string {
    const { cellWidth, cellHeight, serviceColumn, band } = LAYOUT;
    const style = [
        `body { margin: 0; padding: 0; font: 12px/1.35 sans-serif; color: #111; background: #fff; }`,
        `table { border-collapse: separate; border-spacing: 4px; table-layout: fixed; }`,
        `th { height: 28px; text-align: left; padding: 0 6px; background: #fafafa; }`,
        `th.service { width: ${serviceColumn}px; }`,
        `td.cell { width: ${cellWidth}px; height: ${cellHeight}px; padding: 0; vertical-align: top; border: 1px solid #ccc; position: relative; overflow: hidden; }`,
        `.band { height: ${band}px; }`,
        `.band.file { position: absolute; left: 0; right: 0; bottom: 0; }`,
        `.text { padding: 6px 8px; overflow-wrap: anywhere; max-height: ${cellHeight - 2 * band - 12}px; overflow: hidden; }`,
        ...(["promotable", "held", "current", "last"] as const).map((state) => `.verdict.${state} { background: ${COLOURS[state]}; }`),
        `.file.differs { background: ${COLOURS.fileDiffers}; }`,
        `.file.same { background: ${COLOURS.fileSame}; }`,
        `p { margin: 6px; }`,
    ].join("\n");
    const head = `<tr><th class="service">service</th>${board.stacks.map((stack) => `<th>${escape(stack)}</th>`).join("")}</tr>`;
    const rows = board.services.map((service) => `<tr><th class="service">${escape(service)}</th>${board.stacks.map((stack) => cellHtml(service, stack, board.cells[service][stack])).join("")}</tr>`);
    return [
        `<!DOCTYPE html>`,
        `<html lang="en"><head><meta charset="utf-8"><title>bilko status ${escape(board.generatedAt)}</title><style>\n${style}\n</style></head><body>`,
        `<table>${head}${rows.join("")}</table>`,
        `<p>status at ${escape(board.generatedAt)}, program ${escape(board.program.slice(0, 19))}. Top band: green may be promoted now, red held by a guard, blue the next stack runs it, grey the last stack. Bottom band: yellow when the stack file names another digest than the stack runs.</p>`,
        ...board.notes.map((note) => `<p>note: ${escape(note)}</p>`),
        `</body></html>`,
        ``,
    ].join("\n");
}
