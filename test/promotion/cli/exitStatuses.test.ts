import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { BadInput, EXIT_STATUSES, Interrupted, Refusal } from "../../../promotion/cli/errors";
import { PROJECT_DIR } from "../../support/stacks";
import { Project } from "./support";

/** The rows of the exit status table in docs/promotion.md, as `status | meaning`. */
function documentedRows(): string[] {
    const text = fs.readFileSync(path.join(PROJECT_DIR, "docs", "promotion.md"), "utf8");
    const section = text.slice(text.indexOf("## Exit status and safety"));
    return section
        .split("\n")
        .filter((line) => /^\| \d+ \|/.test(line))
        .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()).join(" | "));
}

describe("exit statuses of promote and rollback", () => {
    it("are documented in docs/promotion.md exactly as the commands define them", () => {
        assert.deepStrictEqual(documentedRows(), EXIT_STATUSES.map((entry) => `${entry.status} | ${entry.meaning}`));
    });

    it("cover every way a command ends", () => {
        const documented = EXIT_STATUSES.map((entry) => entry.status);
        const statuses = [0, new Refusal("x").exitCode, new BadInput("x").exitCode, new Interrupted("SIGINT").exitCode, new Interrupted("SIGTERM").exitCode];
        assert.deepStrictEqual(statuses, documented);
    });

    it("are what --help prints", async () => {
        const project = new Project();
        for (const tool of ["promote", "rollback"] as const) {
            const help = (await project.run(tool, ["--help"])).stdout.replace(/\s+/g, " ");
            for (const entry of EXIT_STATUSES) {
                assert.ok(help.includes(`${entry.status} ${entry.meaning}`), `${tool} --help: ${entry.status}`);
            }
        }
    });
});
