import * as assert from "assert";
import { committedValues } from "../../support/stacks";
import { digestOf, Project } from "./support";

const prod = committedValues("prod")["bilko:services"];
const OLD_WEB = digestOf("c");
const OLDER_WEB = digestOf("d");

/** prod as it reports itself: web ran two earlier digests, api only its current one. */
function prodWithHistory(): Project {
    return new Project().outputs("prod", { releasedDigests: { web: [prod.web.digest, OLD_WEB, OLDER_WEB], api: [prod.api.digest] } });
}

function appended(project: Project, before: number): any[] {
    return project.config("prod")["bilko:releases"].slice(before);
}

describe("npm run rollback", function () {
    this.timeout(30000);

    it("sets a service back to the digest it ran before, recording kind: rollback", async () => {
        const project = prodWithHistory();
        const before = project.config("prod")["bilko:releases"].length;
        const run = await project.run("rollback", ["prod", "--service", "web", "--reason", "checkout broken"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(project.config("prod")["bilko:services"].web.digest, OLD_WEB);
        assert.deepStrictEqual(
            appended(project, before).map((entry) => [entry.service, entry.digest, entry.from, entry.kind, entry.reason]),
            [["web", OLD_WEB, "prod", "rollback", "checkout broken"]],
        );
        assert.match(run.stdout, /rollback prod: web sha256:3009\S+ -> sha256:c{64}/);
        assert.deepStrictEqual(project.calls(), ["stack output --json --stack prod"]);
    });

    it("goes to --to when the stack ran it", async () => {
        const project = prodWithHistory();
        const run = await project.run("rollback", ["prod", "--service", "web", "--to", OLDER_WEB]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(project.config("prod")["bilko:services"].web.digest, OLDER_WEB);
    });

    it("refuses --to a digest the stack never ran, touching nothing", async () => {
        const project = prodWithHistory();
        const original = project.read("prod");
        const run = await project.run("rollback", ["prod", "--service", "web", "--to", digestOf("e")]);
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /^rollback: refused: web never ran sha256:e{64} in stack "prod"; to go ahead anyway: npm run rollback -- prod --service web --to sha256:e{64} --force --reason "<why>"\n$/);
        assert.strictEqual(project.read("prod"), original);
    });

    it("with --force --reason goes to a digest the stack never ran, recorded as kind: force", async () => {
        const project = prodWithHistory();
        const before = project.config("prod")["bilko:releases"].length;
        const run = await project.run("rollback", ["prod", "--service", "web", "--to", digestOf("e"), "--force", "--reason", "last known good build, never deployed here"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(appended(project, before).map((entry) => [entry.digest, entry.kind, entry.reason]), [[digestOf("e"), "force", "last known good build, never deployed here"]]);
    });

    it("refuses a service with nothing earlier to go back to", async () => {
        const project = prodWithHistory();
        const run = await project.run("rollback", ["prod"]);
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /^rollback: refused: api has no earlier digest in stack "prod" to roll back to; name one with --to/);
    });

    it("refuses when the stack reports no history yet", async () => {
        const project = new Project().outputs("prod", { services: {} });
        const run = await project.run("rollback", ["prod", "--service", "web"]);
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /web has no earlier digest in stack "prod" to roll back to \(stack "prod" reports no releasedDigests: deploy it with this program first\)/);
    });

    it("has nothing to do when --to is the running digest", async () => {
        const project = prodWithHistory();
        const run = await project.run("rollback", ["prod", "--service", "web", "--to", prod.web.digest]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^nothing to do: web already runs sha256:3009/);
    });

    describe("refuses bad usage and unreadable input with exit 2", () => {
        const cases: Array<[string, string[], RegExp]> = [
            ["--to that is not a digest", ["prod", "--service", "web", "--to", "v1.2.3"], /^rollback: --to: expected "sha256:" and 64 lowercase hex digits, got "v1\.2\.3"/],
            ["--to with more than one service", ["prod", "--to", OLD_WEB], /^rollback: --to names one image digest: choose one service with --service/],
            ["two stacks", ["prod", "demo"], /^rollback: expected exactly one stack, got prod demo/],
            ["an unknown option", ["prod", "--yes"], /^rollback: Unknown option '--yes'/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                const run = await prodWithHistory().run("rollback", args);
                assert.strictEqual(run.status, 2, run.stdout + run.stderr);
                assert.match(run.stderr, message);
            });
        }

        it("a malformed releasedDigests output", async () => {
            const project = new Project().outputs("prod", { releasedDigests: { web: "sha256:abc" } });
            const run = await project.run("rollback", ["prod", "--service", "web"]);
            assert.strictEqual(run.status, 2);
            assert.match(run.stderr, /^rollback: stack "prod" reports a malformed releasedDigests output: web: expected a list of digests, got "sha256:abc"/);
        });
    });
});
