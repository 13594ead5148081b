import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../parity";
import { edited, PROJECT_DIR } from "../support/stacks";
import { editedPlan, NO_EVALUATION, runParity, sideOf, sidesWith, type ParityRun } from "./support";
import type { EvaluateSides } from "../../parity";
import { plannedStack } from "../support/stacks";

const COMMITTED_DECLARATIONS = fs.readFileSync(path.join(PROJECT_DIR, "parity.yaml"), "utf8");

/** Prod on POSTGRES_15 while demo runs 16 (000, OCD-3), evaluated once for the tests that need it. */
let postgres15: EvaluateSides | undefined;
const prodOnPostgres15 = () => (postgres15 ??= sidesWith("prod", edited("prod", (v) => (v["bilko:postgres"].version = "POSTGRES_15"))));

describe("npm run parity", function () {
    this.timeout(30000);
    const tempDirs: string[] = [];
    after(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    /** A declarations file with `text`, in a fresh directory. */
    function declarationsFile(text: string, name = "parity.yaml"): string {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-parity-"));
        tempDirs.push(dir);
        fs.writeFileSync(path.join(dir, name), text);
        return path.join(dir, name);
    }

    describe("on the committed stacks", () => {
        it("passes demo -> prod, evaluating the project's stack files", async () => {
            let stdout = "";
            let stderr = "";
            const status = await main(["demo", "prod"], { out: (text) => (stdout += text), err: (text) => (stderr += text) });
            assert.strictEqual(status, 0, stderr + stdout);
            assert.match(stdout, /^parity demo -> prod: \d+ differences, \d+ declared in parity\.yaml, 0 undeclared; 0 stale declarations/);
        });

        for (const [a, b] of [["stage", "prod"], ["stage", "demo"], ["prod", "demo"]]) {
            it(`passes ${a} -> ${b}`, async () => {
                const run = await runParity([a, b]);
                assert.strictEqual(run.status, 0, run.stderr + run.stdout);
                assert.strictEqual(run.stderr, "");
                assert.doesNotMatch(run.stdout, /undeclared differences/);
            });
        }

        it("prints each declared difference under its entry's reason, as resource  property  A-value  B-value", async () => {
            const run = await runParity(["demo", "prod"]);
            assert.match(run.stdout, /\n {4}resource +property +demo +prod\n/);
            assert.match(run.stdout, /\n {2}differences\[\d+\]: Only prod keeps a standby in a second zone .*\n {4}database-instance +settings\.availabilityType +ZONAL +REGIONAL\n/);
        });
    });

    describe("an undeclared difference", () => {
        it("is refused with exit 1, listed by resource and property with both values", async () => {
            const run = await runParity(["demo", "prod"], prodOnPostgres15());
            assert.strictEqual(run.status, 1);
            assert.match(run.stdout, /undeclared differences .*\n {2}resource +property +demo +prod\n {2}database-instance +databaseVersion +POSTGRES_16 +POSTGRES_15\n/);
            assert.match(run.stderr, /^parity: demo -> prod: \d+ differences, \d+ declared in parity\.yaml, 1 undeclared; 0 stale declarations\n$/);
        });

        it("passes once parity.yaml declares it for that pair, in either order", async () => {
            const file = declarationsFile(`${COMMITTED_DECLARATIONS}  - pairs: [prod/demo]\n    resource: database-instance\n    property: databaseVersion\n    reason: synthetic, for this test\n`);
            const run = await runParity(["demo", "prod", "--declarations", file], prodOnPostgres15());
            assert.strictEqual(run.status, 0, run.stderr);
            assert.match(run.stdout, /differences\[\d+\]: synthetic, for this test\n {4}database-instance +databaseVersion +POSTGRES_16 +POSTGRES_15/);
        });

        it("--json gives every difference with both values, the declaring entry, and the counts", async () => {
            const prod = await editedPlan("prod", (plan) => {
                const web = plan.resources.find((resource) => resource.name === "web-service")!;
                web.inputs.template.containers[0].envs.push({ name: "FEATURE_FLAGS", value: "beta" });
            });
            const run: ParityRun = await runParity(["demo", "prod", "--json"], async () => [sideOf(await plannedStack("demo")), sideOf(prod)]);
            assert.strictEqual(run.status, 1);
            const report = JSON.parse(run.stdout);
            assert.deepStrictEqual(report.stacks, ["demo", "prod"]);
            assert.strictEqual(report.undeclared, 1);
            assert.deepStrictEqual(report.stale, []);
            const open = report.differences.filter((difference: { declaration?: number }) => difference.declaration === undefined);
            // Absent in demo: the key "a" is left out.
            assert.deepStrictEqual(open, [{ resource: "web-service", property: "template.containers[0].envs[FEATURE_FLAGS]", b: { name: "FEATURE_FLAGS", value: "beta" } }]);
            const tier = report.differences.find((difference: { property: string }) => difference.property === "settings.tier");
            assert.deepStrictEqual(Object.keys(tier).sort(), ["a", "b", "declaration", "property", "resource"]);
        });
    });

    describe("a stale declaration", () => {
        const stale = [
            "  - pairs: [demo/prod]",
            "    resource: database-instance",
            "    property: databaseVersion",
            "    reason: synthetic, no longer true",
            "  - pairs: [demo/prod, stage/prod]",
            "    resource: cache-instance",
            "    property: (resource)",
            "    reason: synthetic, never existed",
        ].join("\n");

        it("is refused with exit 1, naming the entry and why it matches nothing", async () => {
            const file = declarationsFile(`${COMMITTED_DECLARATIONS}${stale}\n`);
            const count = (COMMITTED_DECLARATIONS.match(/^ {2}- pairs:/gm) ?? []).length;
            const run = await runParity(["demo", "prod", "--declarations", file]);
            assert.strictEqual(run.status, 1);
            assert.ok(
                run.stdout.includes(
                    `stale declarations (parity.yaml):\n` +
                        `  differences[${count}] (database-instance  databaseVersion): demo and prod no longer differ in databaseVersion of database-instance; remove the entry\n` +
                        `  differences[${count + 1}] (cache-instance  (resource)): no resource of demo or prod is named cache-instance; remove demo/prod from its pairs, or correct its resource`,
                ),
                run.stdout,
            );
            assert.match(run.stderr, /0 undeclared; 2 stale declarations\n$/);
        });

        it("is only checked for the pair being compared", async () => {
            const file = declarationsFile(`${COMMITTED_DECLARATIONS}${stale}\n`);
            const run = await runParity(["stage", "demo", "--declarations", file]);
            assert.strictEqual(run.status, 0, run.stdout);
        });
    });

    describe("usage", () => {
        const cases: Array<[string[], RegExp]> = [
            [[], /^parity: expected two stacks to compare, got 0/],
            [["prod"], /^parity: expected two stacks to compare, got 1/],
            [["demo", "prod", "stage"], /^parity: expected two stacks to compare, got 3/],
            [["demo", "production"], /^parity: unknown stack "production": no Pulumi\.production\.yaml \(stacks: stage, demo, prod\)/],
            [["prod", "prod"], /^parity: "prod" twice/],
            [["demo", "prod", "--diff"], /^parity: Unknown option '--diff'/],
        ];
        for (const [argv, message] of cases) {
            it(`exits 2 for \`${argv.join(" ")}\` without evaluating anything`, async () => {
                const run = await runParity(argv, NO_EVALUATION);
                assert.strictEqual(run.status, 2);
                assert.strictEqual(run.stdout, "");
                assert.match(run.stderr, message);
                assert.match(run.stderr, /\nrun `npm run parity -- --help` for usage\n$/);
            });
        }

        it("--help prints the usage and exits 0", async () => {
            const run = await runParity(["--help"], NO_EVALUATION);
            assert.strictEqual(run.status, 0);
            assert.match(run.stdout, /^usage: npm run parity -- <stackA> <stackB> \[--json\] \[--declarations <file>\]/);
        });

        it("exits 2 with one line naming the file and key when parity.yaml is malformed", async () => {
            const cases: Array<[string, string]> = [
                ["differences:\n  - pairs: [demo/production]\n    resource: x\n    property: y\n    reason: z\n", 'parity.yaml: differences[0].pairs[0]: unknown stack "production" (stacks: stage, demo, prod)'],
                ["differences:\n  - pairs: [demo-prod]\n    resource: x\n    property: y\n    reason: z\n", 'parity.yaml: differences[0].pairs[0]: expected "<stack>/<stack>" such as "demo/prod", got "demo-prod"'],
                ["differences:\n  - pairs: [demo/prod]\n    resource: x\n    property: y\n", "parity.yaml: differences[0].reason: missing required key"],
                ["differences:\n  - pairs: [demo/prod]\n    resource: x\n    property: y\n    reason: '  '\n", "parity.yaml: differences[0].reason: expected a reason: why this difference is intended"],
                ["differences:\n  - pairs: [demo/prod]\n    resource: x\n    propety: y\n    reason: z\n", "parity.yaml: differences[0].propety: unknown key (an entry has pairs, resource, property and reason)"],
                [
                    "differences:\n  - pairs: [demo/prod]\n    resource: x\n    property: y\n    reason: z\n  - pairs: [stage/demo, prod/demo]\n    resource: x\n    property: y\n    reason: z\n",
                    "parity.yaml: differences[1].pairs[1]: prod/demo x y is already declared by differences[0]",
                ],
                ["differences: [unclosed\n", "parity.yaml: not valid YAML: "],
            ];
            for (const [text, expected] of cases) {
                const run = await runParity(["demo", "prod", "--declarations", declarationsFile(text)], NO_EVALUATION);
                assert.strictEqual(run.status, 2, text);
                assert.ok(run.stderr.startsWith(`parity: ${expected}`), `${run.stderr} does not start with parity: ${expected}`);
                assert.strictEqual(run.stderr.split("\n").length, 2, run.stderr);
            }
        });

        it("exits 2 when the declarations file cannot be read", async () => {
            const run = await runParity(["demo", "prod", "--declarations", path.join(os.tmpdir(), "bilko-no-such-parity.yaml")], NO_EVALUATION);
            assert.strictEqual(run.status, 2);
            assert.strictEqual(run.stderr, "parity: bilko-no-such-parity.yaml: cannot read: ENOENT\n");
        });
    });

});
