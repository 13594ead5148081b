/**
 * `npm run status -- --html` in headless Chromium (Debian's chromium; `.ci/run` installs it, and this fails without
 * it): Chromium lays the page out and reports where each cell's bands are (an inline script added to a copy of the
 * page prints their boxes into the DOM), then takes a screenshot of the page itself, and the test reads the pixels
 * at those boxes: each cell is where the DOM says, in its row and column, with the colours the page gives its verdict
 * and its stack file.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COLOURS } from "../../status";
import { decodePng } from "./png";
import { deployedProject, status } from "./support";

const WIDTH = 1300;
const HEIGHT = 700;

function chromium(args: string[]): string {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-chromium-"));
    try {
        const run = spawnSync(
            "chromium",
            [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                `--user-data-dir=${profile}`,
                `--window-size=${WIDTH},${HEIGHT}`,
                ...args,
            ],
            { encoding: "utf8", timeout: 60000 },
        );
        if (run.error) {
            assert.fail(`chromium could not run (${run.error.message}); install it: apt-get install chromium (.ci/run does)`);
        }
        assert.strictEqual(run.status, 0, run.stderr);
        return run.stdout;
    } finally {
        fs.rmSync(profile, { recursive: true, force: true });
    }
}

const hex = (colour: string): [number, number, number] => [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16)) as [number, number, number];

interface Box {
    service: string;
    stack: string;
    promotion: keyof typeof COLOURS;
    file: "differs" | "same";
    cell: { x: number; y: number; width: number; height: number };
    verdict: { x: number; y: number; width: number; height: number };
    fileBand: { x: number; y: number; width: number; height: number };
}

describe("npm run status -- --html, in headless Chromium", function () {
    this.timeout(120000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-board-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("renders the board's cells where the DOM puts them, with the colours the page assigns (screenshot)", async () => {
        const page = path.join(dir, "board.html");
        // In the year-end freeze, demo's web digest not released: promotable, held, current and last cells side by side.
        const run = await status(deployedProject({ windows: true, demoReleased: false }), ["--html", page], new Date("2026-12-21T09:00:00Z"));
        assert.strictEqual(run.status, 0, run.stderr);

        const measured = path.join(dir, "measured.html");
        const measure = `<script>document.body.insertAdjacentHTML("beforeend", "<pre id=boxes>" + JSON.stringify([...document.querySelectorAll("td.cell")].map((cell) => {
            const box = (element) => { const r = element.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
            return { service: cell.dataset.service, stack: cell.dataset.stack, promotion: cell.dataset.promotion, file: cell.dataset.file, cell: box(cell), verdict: box(cell.querySelector(".verdict")), fileBand: box(cell.querySelector(".file")) };
        })) + "</pre>");</script>`;
        fs.writeFileSync(measured, fs.readFileSync(page, "utf8").replace("</body>", `${measure}</body>`));
        const dom = chromium(["--dump-dom", `file://${measured}`]);
        const boxes: Box[] = JSON.parse(/<pre id="boxes">(.*?)<\/pre>/s.exec(dom)![1].replace(/&quot;/g, '"').replace(/&amp;/g, "&"));

        assert.deepStrictEqual(
            boxes.map((box) => `${box.service}/${box.stack} ${box.promotion} ${box.file}`),
            ["web/stage promotable differs", "web/demo held same", "web/prod last same", "api/stage current same", "api/demo held same", "api/prod last same"],
        );
        // A grid: stacks left to right in promotion order, services top to bottom, every cell the same size.
        for (const [index, box] of boxes.entries()) {
            const column = index % 3;
            const row = Math.floor(index / 3);
            assert.ok(box.cell.width >= 300 && box.cell.height >= 150, `${box.service}/${box.stack} is laid out full size`);
            assert.strictEqual(box.cell.x, boxes[column].cell.x, "same column, same x");
            assert.strictEqual(box.cell.y, boxes[row * 3].cell.y, "same row, same y");
            if (column > 0) {
                assert.ok(box.cell.x > boxes[index - 1].cell.x + boxes[index - 1].cell.width - 1);
            }
            assert.ok(box.cell.x + box.cell.width <= WIDTH && box.cell.y + box.cell.height <= HEIGHT, "inside the screenshot");
        }

        const shot = path.join(dir, "board.png");
        chromium([`--screenshot=${shot}`, `file://${page}`]);
        const image = decodePng(fs.readFileSync(shot));
        assert.deepStrictEqual([image.width, image.height], [WIDTH, HEIGHT]);
        const at = (band: Box["verdict"]) => image.pixel(Math.round(band.x + band.width / 2), Math.round(band.y + band.height / 2));
        const near = (actual: number[], expected: number[]) => actual.every((value, channel) => Math.abs(value - expected[channel]) <= 3);
        for (const box of boxes) {
            const verdict = at(box.verdict);
            assert.ok(near(verdict, hex(COLOURS[box.promotion])), `${box.service}/${box.stack}: verdict band ${verdict.join(",")} is ${box.promotion} ${COLOURS[box.promotion]}`);
            const file = at(box.fileBand);
            const expected = box.file === "differs" ? COLOURS.fileDiffers : COLOURS.fileSame;
            assert.ok(near(file, hex(expected)), `${box.service}/${box.stack}: file band ${file.join(",")} is ${expected}`);
            // Between the bands the cell is white paper with text on it, not a band colour.
            const middle = image.pixel(Math.round(box.cell.x + box.cell.width - 12), Math.round(box.cell.y + box.cell.height / 2));
            assert.ok(near(middle, [255, 255, 255]), `${box.service}/${box.stack}: the cell's body ${middle.join(",")} is white`);
        }
    });
});
