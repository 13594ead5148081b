import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { policies } from "../../policies/all";
import { LABEL_PATHS } from "../../policies/support/labels";
import { checkStack, type PackConfig } from "../../offline/policyCheck";
import { plannedStack, PROJECT_DIR } from "../support/stacks";
import { POLICY_FIXTURES } from "./fixtures";

const POLICY_DIR = path.join(PROJECT_DIR, "policies");
/** The README holds the policy table and the pack-config example; docs/policies.md the rest. */
const README = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
const DOCS = fs.readFileSync(path.join(PROJECT_DIR, "docs", "policies.md"), "utf8");
const NAME = /^[a-z0-9]+-[a-z0-9]+-(missing|disallow|enable|disable|configure|enforce)-[a-z0-9]+(-[a-z0-9]+)*$/;

/** Rows of the docs' policy table: name, level, checks, why, covered by. */
function documentedPolicies(): Map<string, string[]> {
    const rows = README.split("\n").filter((line) => /^\| `[a-z0-9-]+` \| (mandatory|advisory) \|/.test(line));
    return new Map(rows.map((row) => row.slice(2, -2).split(" | ")).map((cells) => [cells[0].replace(/`/g, ""), cells.slice(1)]));
}

function testFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(dir, entry.name);
        return entry.isDirectory() ? testFiles(file) : entry.name.endsWith(".test.ts") ? [file] : [];
    });
}

describe("the bilko-guard pack", () => {
    it("names every policy <service>-<resource>-<verb>-<what>, once", () => {
        const names = policies.map((policy) => policy.name);
        assert.deepStrictEqual(names.filter((name) => !NAME.test(name)), []);
        assert.strictEqual(new Set(names).size, names.length);
    });

    it("gives every policy an explicit level and a one-sentence description", () => {
        for (const policy of policies) {
            assert.ok(policy.enforcementLevel === "mandatory" || policy.enforcementLevel === "advisory", policy.name);
            assert.match(policy.description, /^[A-Z`][^]*[^.]\.$/, policy.name);
            assert.doesNotMatch(policy.description, /\.\s+[A-Z]/, `${policy.name}: one sentence`);
        }
    });

    it("keeps each policy in policies/<service>/<resource>/<verbWhat>.ts, whose one export is named like the file and the policy", async () => {
        const files = policyFiles(POLICY_DIR);
        assert.ok(files.length > 0);
        const found: string[] = [];
        for (const file of files) {
            const [service, resource, base] = path.relative(POLICY_DIR, file).replace(/\.ts$/, "").split(path.sep);
            const exports = (await import(file)) as Record<string, unknown>;
            const exported = Object.entries(exports).filter(([, value]) => typeof value === "object" && value !== null && "enforcementLevel" in value);
            assert.deepStrictEqual(exported.map(([name]) => name), [base], `${file} exports one policy, named ${base}`);
            const policy = exported[0][1] as { name: string };
            assert.strictEqual(policy.name, `${service}-${resource}-${base.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`, file);
            found.push(policy.name);
        }
        assert.deepStrictEqual(found.sort(), policies.map((policy) => policy.name).sort());
    });

    it("is a Node policy pack whose dependencies are the project's own, pinned", () => {
        const project = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
        const pack = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "package.json"), "utf8"));
        assert.match(pack.version, /^\d+\.\d+\.\d+$/);
        for (const [name, version] of Object.entries(pack.dependencies)) {
            assert.strictEqual(version, project.dependencies[name], name);
        }
        assert.strictEqual(parse(fs.readFileSync(path.join(POLICY_DIR, "PulumiPolicy.yaml"), "utf8")).runtime, "nodejs");
    });

    it("loads no package from node_modules when the policy list is imported, so the plan stays fast", () => {
        const script = "const before = new Set(Object.keys(require.cache)); require('./policies/all'); " +
            "console.log(JSON.stringify(Object.keys(require.cache).filter((file) => !before.has(file) && file.includes('node_modules'))));";
        const run = spawnSync(process.execPath, ["--require", "sucrase/register/ts", "-e", script], { cwd: PROJECT_DIR, encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(JSON.parse(run.stdout), []);
    });
});

describe("the policy docs (README table, docs/policies.md)", () => {
    const documented = documentedPolicies();

    it("has one row per policy, with its level", () => {
        assert.deepStrictEqual([...documented.keys()], policies.map((policy) => policy.name));
        for (const policy of policies) {
            assert.strictEqual(documented.get(policy.name)?.[0], policy.enforcementLevel, policy.name);
        }
    });

    it("names, for each policy, exactly the fixtures that cover it, or says unit tests only for a mandatory one", () => {
        for (const policy of policies.filter((candidate) => documented.has(candidate.name))) {
            const coveredBy = documented.get(policy.name)![3];
            const fixtures = POLICY_FIXTURES.filter((fixture) => fixture.policy === policy.name).map((fixture) => fixture.file);
            assert.deepStrictEqual(coveredBy.match(/[a-z0-9-]+\.yaml/g) ?? [], fixtures, policy.name);
            if (fixtures.length === 0 && policy.enforcementLevel === "mandatory") {
                assert.match(coveredBy, /^unit tests only: /, policy.name);
            }
            for (const fixture of POLICY_FIXTURES.filter((candidate) => candidate.policy === policy.name && candidate.schemaKey)) {
                assert.ok(coveredBy.includes(`${fixture.file}\` (schema: \`${fixture.schemaKey}\`)`), `${policy.name}: ${fixture.file} names its key`);
            }
        }
    });

    it("every policy has a describe block of unit tests", () => {
        const tests = testFiles(path.join(PROJECT_DIR, "test")).map((file) => fs.readFileSync(file, "utf8")).join("\n");
        assert.deepStrictEqual(policies.map((policy) => policy.name).filter((name) => !tests.includes(`describe("${name}"`)), []);
    });

    it("lists every type whose labels the policies read", () => {
        assert.deepStrictEqual(Object.keys(LABEL_PATHS).filter((type) => !DOCS.includes(`| \`${type}\` | \`${LABEL_PATHS[type].join(".")}\` |`)), []);
    });

    it("shows a pack config that the policies accept and act on", async () => {
        const example = JSON.parse(/```json\n([^]*?)```/.exec(README)![1]) as PackConfig;
        const names = policies.map((policy) => policy.name);
        assert.deepStrictEqual(Object.keys(example).filter((name) => !names.includes(name)), []);
        const violations = await checkStack(await plannedStack("prod"), policies, example);
        assert.deepStrictEqual([...new Set(violations.map((violation) => `${violation.policy} ${violation.enforcementLevel}`))], ["cloudsql-instance-enforce-postgres-version mandatory"]);
        assert.match(violations[0].message, /the pack requires POSTGRES_17 \(requiredPostgresVersion\)/);
    });
});

/** `policies/<service>/<resource>/<policy>.ts`: the files two folders below a service folder. */
function policyFiles(dir: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts") && file.split(path.sep).length === 3 && !file.startsWith(`support${path.sep}`))
        .map((file) => path.join(dir, file))
        .sort();
}
