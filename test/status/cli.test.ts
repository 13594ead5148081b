import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Board } from "../../status";
import { COMMITS, DIGESTS, deployedProject, minutesBefore, NOW, status } from "./support";

const short = (digest: string) => digest.slice(7, 19);

describe("npm run status", function () {
    this.timeout(30000);

    it("prints one row per service and stack: digest, commit, deployed, baked, stack file, promotion; --html writes the same board", async () => {
        const project = deployedProject();
        const file = path.join(project.fixtures, "board.html");
        const run = await status(project, ["--html", file]);
        assert.strictEqual(run.status, 0, run.stderr);
        const rows = run.stdout.trim().split("\n");
        assert.strictEqual(rows[0], `status at ${NOW.toISOString()} (program ${rows[0].match(/program (sha256:[0-9a-f]{12})/)![1]})`);
        assert.match(rows[1], /^service +stack +digest +commit +deployed +baked +stack file +promotion$/);
        const cells = rows.slice(2).map((row) => row.split(/ {2,}/));
        // stage's web: built at COMMITS.stageWeb, running since update 11 (600 minutes ago), the file lags (a floor).
        assert.deepStrictEqual(cells[0], ["web", "stage", short(DIGESTS.stageWeb), COMMITS.stageWeb.slice(0, 7), `${minutesBefore(600).slice(0, 16).replace("T", " ")}Z`, "10h 0m", `differs: ${short("sha256:ef7393eb86ded4f39848364d3d7ce0d4157e0edad528860e3f00e885b2680a96")}`, "may promote to demo now"]);
        assert.deepStrictEqual(cells[1].slice(0, 7), ["web", "demo", short(DIGESTS.demoWeb), COMMITS.demoWeb.slice(0, 7), `${minutesBefore(2900).slice(0, 16).replace("T", " ")}Z`, "2d 0h", "same"]);
        assert.strictEqual(cells[1][7], "may promote to prod now", "released in demo, baked 2 days (prod asks 60 minutes), no windows in this copy of prod");
        assert.deepStrictEqual(cells[2].slice(1, 4), ["prod", short(DIGESTS.prodWeb), "?"], "no sha- tag known for prod's web digest");
        assert.strictEqual(cells[2][7], "last stack");
        assert.strictEqual(cells[3][7], "demo runs it", "api: demo runs what stage runs");
        assert.match(rows.at(-1)!, /^note: commits of api unknown: .*NOT_FOUND/);

        // The same board as one self-contained page (how it renders: board.verify.ts, in Chromium).
        const html = fs.readFileSync(file, "utf8");
        assert.strictEqual((html.match(/<td class="cell"/g) ?? []).length, 6);
        assert.match(html, /data-service="web" data-stack="stage" data-promotion="promotable" data-file="differs"/);
        assert.doesNotMatch(html, /<script|<link|<img|src=|href=|url\(|@import/i, "no external asset, no script");
    });

    it("names every guard that holds a promotion: upstream (not released), bake, window (a freeze, with the next opening)", async () => {
        const inFreeze = new Date("2026-12-21T09:00:00Z");
        const project = deployedProject({ windows: true, demoReleased: false });
        project.history("demo", [{ version: 8, kind: "update", result: "succeeded", endTime: new Date(inFreeze.getTime() - 25 * 60000).toISOString(), config: {} }]);
        const run = await status(project, ["demo", "prod", "--json"], inFreeze);
        assert.strictEqual(run.status, 0, run.stderr);
        const board: Board = JSON.parse(run.stdout);
        assert.deepStrictEqual(board.stacks, ["demo", "prod"]);
        assert.deepStrictEqual(board.services, ["web", "api"]);
        const demoWeb = board.cells.web.demo;
        assert.strictEqual(demoWeb.promotion, "held");
        assert.deepStrictEqual(demoWeb.blockers, [
            { guard: "upstream", reason: "demo has not released it (its smoke test has not passed there)" },
            { guard: "bake", reason: "demo last deployed 25 minutes ago; prod asks for 60" },
            { guard: "window", reason: "closed; opens Tue 2027-01-05 08:00 Europe/Oslo" },
        ]);
        assert.strictEqual(demoWeb.deployedAt, undefined, "the history no longer says since when demo runs it");
    });

    it("refuses bad usage and pulumi failures with one line and exit 2", async () => {
        const project = deployedProject();
        assert.deepStrictEqual(await status(project, ["staging"]), { status: 2, stdout: "", stderr: 'status: unknown stack "staging" (stacks: stage, demo, prod)\n' });
        assert.strictEqual((await status(project, ["--htm", "x"])).status, 2);
        fs.rmSync(path.join(project.fixtures, "history.prod.json"));
        const failed = await status(project, ["prod"]);
        assert.strictEqual(failed.status, 2);
        assert.match(failed.stderr, /^status: pulumi stack history --json --stack prod .*no stack named 'prod' found/);
    });
});
