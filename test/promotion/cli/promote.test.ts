import * as assert from "assert";
import * as fs from "fs";
import { parse } from "yaml";
import { RELEASES_KEPT_PER_SERVICE } from "../../../promotion/releases";
import { committedValues } from "../../support/stacks";
import { digestOf, minutesAgo, Project, RELEASER, update, UPSTREAM_MIGRATOR, upstreamOutputs } from "./support";

const demo = committedValues("demo")["bilko:services"];
const NEW_WEB = digestOf("a");

/** A project whose stage runs a new web digest and demo's api digest. */
function stageWithNewWeb(): Project {
    return new Project().outputs("stage", upstreamOutputs({ web: NEW_WEB, api: demo.api.digest }));
}

/** The entries a command appended to a stack's audit trail. */
function appended(project: Project, stack: string, before: number): any[] {
    return project.config(stack)["bilko:releases"].slice(before);
}

describe("npm run promote", function () {
    this.timeout(30000);

    it("writes the upstream's digest with an audit entry and keeps every other line byte for byte", async () => {
        const project = stageWithNewWeb();
        const original = project.read("demo");
        const run = await project.run("promote", ["demo", "--reason", "release 42"]);
        assert.strictEqual(run.status, 0, run.stderr);

        const written = project.read("demo");
        const oldLine = `      digest: ${demo.web.digest}\n`;
        const untouched = original.replace(oldLine, `      digest: ${NEW_WEB}\n`);
        assert.ok(written.startsWith(untouched), "every original line, comments included, is unchanged apart from the web digest");
        const tail = parse(`entries:\n${written.slice(untouched.length)}`).entries;
        assert.strictEqual(tail.length, 1);
        const [entry] = tail;
        assert.deepStrictEqual({ ...entry, at: undefined }, { service: "web", digest: NEW_WEB, from: "stage", at: undefined, by: RELEASER, kind: "promote", reason: "release 42" });
        assert.ok(Math.abs(Date.parse(entry.at) - Date.now()) < 60000, `at is now: ${entry.at}`);
        assert.match(written.slice(untouched.length), /at: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/, "the time is quoted UTC ISO");
        assert.match(run.stdout, new RegExp(`- +digest: ${demo.web.digest}\\n\\+ +digest: ${NEW_WEB}`), "the diff shows the digest change");
        assert.match(run.stdout, /pulumi preview --stack demo\n {2}pulumi up --stack demo/);
        assert.deepStrictEqual(project.calls(), ["stack output --json --stack stage"], "demo asks no bake time, so no history is read");
    });

    it("says plainly there is nothing to do when the target already runs the upstream's digests", async () => {
        const project = new Project().outputs("stage", upstreamOutputs({ web: demo.web.digest, api: demo.api.digest }));
        const original = project.read("demo");
        const run = await project.run("promote", ["demo"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /demo already runs what stage runs .*; nothing to do/);
        assert.strictEqual(project.read("demo"), original);
    });

    it("promotes a service's migrator digest with it: the one that shipped with that digest upstream", async () => {
        const shipped = digestOf("6");
        const outputs = { ...upstreamOutputs({ web: demo.web.digest, api: digestOf("b") }), releasedMigrators: { api: { [digestOf("b")]: shipped } } };
        const project = new Project().outputs("stage", outputs);
        const run = await project.run("promote", ["demo", "--service", "api"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(project.config("demo")["bilko:services"].api.migrations.digest, shipped, "the released pairing wins over the current migrator");
        assert.match(run.stdout, new RegExp(`\\+ +digest: ${shipped}`), "the diff shows the migrator change");
        const bare = new Project().outputs("stage", upstreamOutputs({ web: demo.web.digest, api: digestOf("b") }));
        assert.strictEqual((await bare.run("promote", ["demo"])).status, 0);
        assert.strictEqual(bare.config("demo")["bilko:services"].api.migrations.digest, UPSTREAM_MIGRATOR, "else the upstream's current one");
    });

    it("refuses to promote a service with migrations when the upstream reports no migrator for it", async () => {
        const project = new Project().outputs("stage", { services: { web: { digest: demo.web.digest }, api: { digest: digestOf("b") } } });
        const run = await project.run("promote", ["demo"]);
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /stack "stage" reports no migrator digest for api sha256:b+ \(services\.api\.migrator\); deploy it with this program first/);
    });

    it("promotes only the services named with --service", async () => {
        const project = new Project().outputs("stage", upstreamOutputs({ web: NEW_WEB, api: digestOf("b") }));
        const run = await project.run("promote", ["demo", "--service", "api"]);
        assert.strictEqual(run.status, 0, run.stderr);
        const services = project.config("demo")["bilko:services"];
        assert.strictEqual(services.api.digest, digestOf("b"));
        assert.strictEqual(services.web.digest, demo.web.digest);
    });

    it("--dry-run prints the diff and writes nothing", async () => {
        const project = stageWithNewWeb();
        const original = project.read("demo");
        const run = await project.run("promote", ["demo", "--dry-run"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /\+ +digest: sha256:a{64}/);
        assert.match(run.stdout, /dry run: nothing written/);
        assert.strictEqual(project.read("demo"), original);
    });

    describe("guards", () => {
        it("refuses when the upstream has no output for a service, touching nothing", async () => {
            const project = new Project().outputs("stage", upstreamOutputs({ web: NEW_WEB }));
            const original = project.read("demo");
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 1);
            assert.strictEqual(run.stderr.trim().split("\n").length, 1, run.stderr);
            assert.match(run.stderr, /^promote: refused: stack "stage" has no output services\.api\.digest; to go ahead anyway: npm run promote -- demo --force --reason "<why>"\n$/);
            assert.strictEqual(project.read("demo"), original);
        });

        it("refuses an upstream digest that is not a sha256 digest", async () => {
            const project = new Project().outputs("stage", upstreamOutputs({ web: "latest", api: demo.api.digest }));
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 1);
            assert.match(run.stderr, /stack "stage" reports services\.web\.digest "latest", not a "sha256:" digest/);
        });

        it("with --force --reason skips the service it cannot promote and promotes the rest", async () => {
            const project = new Project().outputs("stage", upstreamOutputs({ web: "latest", api: digestOf("b") }));
            const before = project.config("demo")["bilko:releases"].length;
            const run = await project.run("promote", ["demo", "--force", "--reason", "api hotfix; web build is broken"]);
            assert.strictEqual(run.status, 0, run.stderr);
            assert.match(run.stdout, /skipped: web/);
            const services = project.config("demo")["bilko:services"];
            assert.strictEqual(services.web.digest, demo.web.digest);
            assert.deepStrictEqual(
                appended(project, "demo", before).map((entry) => [entry.service, entry.digest, entry.kind, entry.reason]),
                [["api", digestOf("b"), "promote", "api hotfix; web build is broken"]],
                "api itself bypassed no guard, so its entry stays kind: promote",
            );
        });

        it("refuses while the upstream's last successful deployment is younger than minBakeMinutes", async () => {
            const project = new Project()
                .outputs("demo", upstreamOutputs({ web: demo.web.digest, api: demo.api.digest }))
                .history("demo", [update(8, "failed", minutesAgo(5)), update(7, "succeeded", minutesAgo(20))]);
            const original = project.read("prod");
            const run = await project.run("promote", ["prod"]);
            assert.strictEqual(run.status, 1);
            assert.match(run.stderr, /^promote: refused: stack "demo" last deployed 20 minutes ago \(.*\); prod asks for 60 minutes of bake time \(bilko:promotion\.minBakeMinutes\); to go ahead anyway/);
            assert.strictEqual(project.read("prod"), original);
            assert.deepStrictEqual(project.calls(), ["stack output --json --stack demo", "stack history --json --stack demo"]);
        });

        it("promotes once the upstream has baked long enough, ignoring previews and failed updates", async () => {
            const project = new Project()
                .outputs("demo", upstreamOutputs({ web: demo.web.digest, api: demo.api.digest }))
                .history("demo", [update(9, "succeeded", minutesAgo(1), "preview"), update(8, "failed", minutesAgo(2)), update(7, "succeeded", minutesAgo(90))]);
            const run = await project.run("promote", ["prod"]);
            assert.strictEqual(run.status, 0, run.stderr);
            assert.strictEqual(project.config("prod")["bilko:services"].web.digest, demo.web.digest);
        });

        it("refuses when the upstream has no successful deployment at all", async () => {
            const project = new Project().outputs("demo", upstreamOutputs({ web: demo.web.digest, api: demo.api.digest })).history("demo", [update(1, "failed", minutesAgo(300))]);
            const run = await project.run("promote", ["prod"]);
            assert.strictEqual(run.status, 1);
            assert.match(run.stderr, /stack "demo" has no successful deployment in its history/);
        });

        it("--force --reason goes past the bake time and records kind: force with the reason", async () => {
            const project = new Project()
                .outputs("demo", upstreamOutputs({ web: demo.web.digest, api: demo.api.digest }))
                .history("demo", [update(7, "succeeded", minutesAgo(3))]);
            const before = project.config("prod")["bilko:releases"].length;
            const run = await project.run("promote", ["prod", "--force", "--reason", "security fix CVE-2026-1234"]);
            assert.strictEqual(run.status, 0, run.stderr);
            assert.match(run.stdout, /forced: web: stack "demo" last deployed 3 minutes ago/);
            const entries = appended(project, "prod", before);
            assert.deepStrictEqual(entries.map((entry) => [entry.service, entry.digest, entry.from, entry.kind, entry.reason]), [
                ["web", demo.web.digest, "demo", "force", "security fix CVE-2026-1234"],
                ["api", demo.api.digest, "demo", "force", "security fix CVE-2026-1234"],
            ]);
        });
    });

    describe("refuses bad usage and unreadable input with exit 2", () => {
        const cases: Array<[string, string[], RegExp, (project: Project) => void]> = [
            ["--force without --reason", ["demo", "--force"], /^promote: --force needs --reason "<why>"/, () => undefined],
            ["an unknown stack", ["qa"], /^promote: unknown stack "qa": no Pulumi\.qa\.yaml in .* \(stacks: /, () => undefined],
            ["an unknown service", ["demo", "--service", "worker"], /^promote: unknown service "worker" in Pulumi\.demo\.yaml \(services: web, api\)/, () => undefined],
            ["stage, which has no upstream", ["stage"], /^promote: Pulumi\.stage\.yaml has no bilko:upstream/, () => undefined],
            ["upstream output that is not JSON", ["demo"], /^promote: pulumi stack output --json --stack stage: output is not JSON \(28 characters\): "warning: upgrade available\\n\{"\n$/, (p) => p.outputs("stage", "warning: upgrade available\n{")],
            ["upstream output that is not an object", ["demo"], /^promote: pulumi stack output --json --stack stage: expected a JSON object of outputs, got \[\]/, (p) => p.outputs("stage", [])],
            ["a stack the CLI cannot find", ["demo"], /^promote: pulumi stack output --json --stack stage failed: error: no stack named 'stage' found/, () => undefined],
            ["an invalid target stack file", ["demo"], /^promote: Pulumi\.demo\.yaml: bilko:promotion\.minBakeMinutes: expected number/, (p) => p.write("demo", p.read("demo").replace("minBakeMinutes: 0", "minBakeMinutes: soon"))],
        ];
        for (const [what, args, message, setup] of cases) {
            it(what, async () => {
                const project = new Project();
                setup(project);
                const original = project.read("demo");
                const run = await project.run("promote", args);
                assert.strictEqual(run.status, 2, run.stdout + run.stderr);
                assert.match(run.stderr, message);
                assert.strictEqual(project.read("demo"), original);
            });
        }

        it("history that is malformed", async () => {
            const project = new Project().outputs("demo", upstreamOutputs({ web: NEW_WEB, api: demo.api.digest })).history("demo", [{ kind: "update", result: "succeeded", version: 3 }]);
            const run = await project.run("promote", ["prod"]);
            assert.strictEqual(run.status, 2);
            assert.match(run.stderr, /^promote: pulumi stack history --json --stack demo: update 3 has no valid endTime/);
        });
    });

    it("refuses, writing nothing, when the stack file changes between read and write", async () => {
        const project = stageWithNewWeb();
        const run = await project.run("promote", ["demo"], { FAKE_PULUMI_TOUCH: project.file("demo") });
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /^promote: refused: Pulumi\.demo\.yaml changed after it was read \(another edit\?\); nothing was written/);
        const text = project.read("demo");
        assert.ok(text.endsWith("# edited by someone else meanwhile\n"), "the other edit is kept");
        assert.ok(!text.includes(NEW_WEB), "the promotion was not written");
        assert.deepStrictEqual(fs.readdirSync(project.dir).filter((file) => file.endsWith(".tmp")), [], "no temporary file is left");
    });

    it("records $USER as the releaser when git has no user.email", async () => {
        const project = stageWithNewWeb().forgetGitEmail();
        const before = project.config("demo")["bilko:releases"].length;
        assert.strictEqual((await project.run("promote", ["demo"])).status, 0);
        assert.strictEqual(appended(project, "demo", before)[0].by, "login-name");
    });

    it(`keeps the last ${RELEASES_KEPT_PER_SERVICE} entries per service`, async () => {
        const project = stageWithNewWeb();
        const history = Array.from({ length: RELEASES_KEPT_PER_SERVICE }, (_, index) => ({
            service: "web",
            digest: digestOf((index % 10).toString()),
            from: "stage",
            at: `2026-01-${String(index + 1).padStart(2, "0")}T00:00:00Z`,
            by: "someone",
            kind: "promote",
        }));
        const api = { service: "api", digest: demo.api.digest, from: "stage", at: "2025-12-01T00:00:00Z", by: "someone", kind: "promote" };
        const text = project.read("demo");
        const releasesAt = text.indexOf("  bilko:releases:");
        const entries = [api, ...history].map((entry) => `    - ${Object.entries(entry).map(([key, value]) => `${key}: "${value}"`).join("\n      ")}\n`);
        project.write("demo", `${text.slice(0, releasesAt)}  bilko:releases:\n${entries.join("")}`);

        assert.strictEqual((await project.run("promote", ["demo"])).status, 0);
        const releases = project.config("demo")["bilko:releases"];
        const web = releases.filter((entry: any) => entry.service === "web");
        assert.strictEqual(web.length, RELEASES_KEPT_PER_SERVICE);
        assert.strictEqual(web[0].at, "2026-01-02T00:00:00Z", "the oldest web entry is dropped");
        assert.strictEqual(web.at(-1).digest, NEW_WEB);
        assert.deepStrictEqual(releases.filter((entry: any) => entry.service === "api"), [api], "other services keep theirs");
    });

    describe("--finish", () => {
        function canaryDemo(): Project {
            const project = stageWithNewWeb();
            project.write("demo", project.read("demo").replace("canaryPercent: 100", "canaryPercent: 10"));
            return project;
        }

        it("records that each running candidate takes all traffic, without asking pulumi anything", async () => {
            const project = canaryDemo();
            const before = project.config("demo")["bilko:releases"].length;
            const run = await project.run("promote", ["demo", "--finish", "--service", "web"]);
            assert.strictEqual(run.status, 0, run.stderr);
            assert.deepStrictEqual(
                appended(project, "demo", before).map((entry) => [entry.service, entry.digest, entry.kind, entry.finished]),
                [["web", demo.web.digest, "promote", true]],
            );
            assert.deepStrictEqual(project.calls(), []);
            assert.match((await project.run("promote", ["demo", "--finish", "--service", "web"])).stdout, /nothing to finish: the candidates of web already have 100% of traffic/);
        });

        it("has nothing to finish where canaryPercent is 100", async () => {
            const project = stageWithNewWeb();
            const run = await project.run("promote", ["demo", "--finish"]);
            assert.strictEqual(run.status, 0);
            assert.match(run.stdout, /nothing to finish: demo gives every new revision all traffic \(bilko:rollout\.canaryPercent is 100\)/);
        });

        it("tells after a canary promotion how to finish it", async () => {
            const run = await canaryDemo().run("promote", ["demo"]);
            assert.strictEqual(run.status, 0, run.stderr);
            assert.match(run.stdout, /candidates get 10% of traffic; once healthy: npm run promote -- demo --finish/);
        });
    });

    it("--help explains options, guards and exit codes", async () => {
        const run = await new Project().run("promote", ["--help"]);
        assert.strictEqual(run.status, 0);
        for (const text of ["--service", "--dry-run", "--force", "--reason", "--finish", "minBakeMinutes", "exit status: 0"]) {
            assert.ok(run.stdout.includes(text), text);
        }
    });
});
