/** The command's own evaluation of the project's stack files, in a copy of the project whose prod file is edited. */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { main } from "../../parity";
import { PROJECT_DIR } from "../support/stacks";

const SYNTHETIC_DIGEST = `sha256:${"b".repeat(64)}`;

describe("npm run parity on the project's stack files", function () {
    this.timeout(30000);
    let dir: string;
    const home = process.cwd();

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-parity-project-"));
        for (const file of ["Pulumi.yaml", "Pulumi.stage.yaml", "Pulumi.demo.yaml", "Pulumi.prod.yaml", "parity.yaml"]) {
            fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(dir, file));
        }
    });
    afterEach(() => {
        process.chdir(home);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Edits the copy's Pulumi.prod.yaml, then runs the command from the copy (the project is found from the working directory). */
    async function parityAfterEditingProd(edit: (config: Record<string, any>) => void): Promise<{ status: number; stderr: string }> {
        const file = path.join(dir, "Pulumi.prod.yaml");
        const document = parse(fs.readFileSync(file, "utf8"));
        edit(document.config);
        fs.writeFileSync(file, stringify(document));
        process.chdir(dir);
        let stderr = "";
        const status = await main(["demo", "prod"], { out: () => undefined, err: (text) => (stderr += `${text}\n`) });
        return { status, stderr };
    }

    it("exits 1 with the upstream guard's line when prod runs a digest that never ran in demo", async () => {
        const run = await parityAfterEditingProd((config) => (config["bilko:services"].web.digest = SYNTHETIC_DIGEST));
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, new RegExp(`^parity: Pulumi\\.prod\\.yaml: bilko:services\\.web\\.digest: ${SYNTHETIC_DIGEST} never ran in stack "demo"`));
    });

    it("exits 2 with the schema's one line when a stack file is invalid", async () => {
        const run = await parityAfterEditingProd((config) => (config["bilko:postgres"].tier = "large"));
        assert.strictEqual(run.status, 2);
        assert.strictEqual(run.stderr, 'parity: Pulumi.prod.yaml: bilko:postgres.tier: expected a Cloud SQL tier such as "db-custom-2-7680", got "large"\n');
    });
});
