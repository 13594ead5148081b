/** `npm run verify`: gcloud accepts every command docs/cutover.md gives (run offline: see test/support/gcloudOffline.ts). */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { RUNBOOK_FILE } from "../../cutover/cli";
import { assertGcloudAccepts } from "../support/gcloudOffline";
import { PROJECT_DIR } from "../support/stacks";

/** The gcloud commands of a markdown runbook: code lines, `$(...)` substitutions, without pipes, comments and placeholders. */
export function gcloudCommands(markdown: string): string[][] {
    const lines = markdown.split("\n").map((line) => line.trim().replace(/ \\$/, ""));
    const sources = lines.flatMap((line) => [...line.matchAll(/\$\((gcloud [^)]*\([^)]*\)[^)]*|gcloud [^)]*)\)/g)].map((match) => match[1]).concat(line.startsWith("gcloud ") ? [line] : []));
    return sources.map((source) => words(withoutTail(source).replace(/<[^>]+>/g, "placeholder").replace(/\$[A-Z_]+/g, "x@example.iam.gserviceaccount.com")));
}

/** The command before a pipe or a trailing `# comment`, outside quotes. */
function withoutTail(command: string): string {
    let quote = "";
    for (let index = 0; index < command.length; index++) {
        const char = command[index];
        if (quote) {
            quote = char === quote ? "" : quote;
        } else if (char === "'" || char === '"') {
            quote = char;
        } else if (char === "|" || (char === "#" && command[index - 1] === " ")) {
            return command.slice(0, index).trim();
        }
    }
    return command;
}

/** Shell words, quotes removed. */
function words(command: string): string[] {
    return [...command.matchAll(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g)].map((match) => match[0].replace(/'([^']*)'|"([^"]*)"/g, "$1$2"));
}

describe("the cutover runbook's gcloud commands", function () {
    this.timeout(600000);

    it("are found in the runbook", () => {
        const commands = gcloudCommands(fs.readFileSync(path.join(PROJECT_DIR, RUNBOOK_FILE), "utf8"));
        assert.ok(commands.length >= 20, `only ${commands.length}`);
        assert.ok(commands.every((command) => command[0] === "gcloud"));
        assert.deepStrictEqual(gcloudCommands('X=$(gcloud sql instances describe d --format=\'value(a)\')\ngcloud run x --description="a b" | head   # note'), [
            ["gcloud", "sql", "instances", "describe", "d", "--format=value(a)"],
            ["gcloud", "run", "x", "--description=a b"],
        ]);
    });

    it("are each accepted by gcloud's own argument parser", async () => {
        const commands = gcloudCommands(fs.readFileSync(path.join(PROJECT_DIR, RUNBOOK_FILE), "utf8"));
        await assertGcloudAccepts(commands.map((command) => ({ args: command.slice(1) })));
    });
});
