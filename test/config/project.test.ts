import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectDir, ProjectNotFoundError, projectName, projectStacks, stackFilePath, unknownStackReason } from "../../config";

describe("the project on disk", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-project-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const touch = (...files: string[]) => files.forEach((file) => fs.writeFileSync(path.join(dir, file), "name: bilko\n"));

    it("takes the stack files' extension from the project file, as the Pulumi CLI does", () => {
        touch("Pulumi.yml", "Pulumi.stage.yml", "Pulumi.prod.yml", "Pulumi.demo.yaml");
        assert.deepStrictEqual(projectStacks(dir), ["stage", "prod"]);
        assert.strictEqual(stackFilePath(dir, "prod"), path.join(dir, "Pulumi.prod.yml"));
        assert.strictEqual(unknownStackReason(dir, "demo", ""), 'unknown stack "demo": no Pulumi.demo.yml (stacks: stage, prod); Pulumi.demo.yaml is there, but next to Pulumi.yml the Pulumi CLI reads Pulumi.demo.yml: rename it');
    });

    it("refuses two project files, and names a project file without a name", () => {
        touch("Pulumi.yaml", "Pulumi.yml");
        assert.throws(() => projectDir(dir), (error: Error) => error instanceof ProjectNotFoundError && /both Pulumi\.yaml and Pulumi\.yml in .*: keep one project file/.test(error.message));
        fs.rmSync(path.join(dir, "Pulumi.yml"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "runtime: nodejs\n");
        assert.throws(() => projectName(dir), /^Error: Pulumi\.yaml: expected a project "name:"$/);
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: [unclosed\n");
        assert.throws(() => projectName(dir), /^Error: Pulumi\.yaml: not valid YAML$/);
    });
});
