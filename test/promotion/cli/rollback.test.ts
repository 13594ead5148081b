import * as assert from "assert";
import { committedValues } from "../../support/stacks";
import { readyRevisionRunning } from "../../../promotion/cli/rollbackNow";
import { digestOf, Project, revision } from "./support";

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

describe("npm run rollback -- <stack> --now", function () {
    this.timeout(30000);
    const IMAGE = "europe-north1-docker.pkg.dev/tribal-sign-487920-k0/bilko/web";

    /** prod's web revisions: the current digest's, and two ready ones of the digest before it (the newer wins). */
    function withRevisions(project: Project): Project {
        return project.revisions("bilko-web", [
            revision("bilko-web-3009e099949b-aaaa1111", `${IMAGE}@${prod.web.digest}`, "2026-11-22T08:00:00Z"),
            revision("bilko-web-cccccccccccc-old00001", `${IMAGE}@${OLD_WEB}`, "2026-11-20T08:00:00Z"),
            revision("bilko-web-cccccccccccc-old00002", `${IMAGE}@${OLD_WEB}`, "2026-11-21T08:00:00Z"),
            revision("bilko-web-cccccccccccc-broken01", `${IMAGE}@${OLD_WEB}`, "2026-11-21T09:00:00Z", false),
        ]);
    }

    it("moves all traffic to the newest ready revision of the previous released digest, then records the rollback", async () => {
        const project = withRevisions(prodWithHistory());
        const before = project.config("prod")["bilko:releases"].length;
        const run = await project.run("rollback", ["prod", "--service", "web", "--now", "--reason", "checkout broken"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(project.gcloudCalls(), [
            "run revisions list --service bilko-web --region europe-north1 --project tribal-sign-487920-k0 --format=json",
            "run services update-traffic bilko-web --to-revisions bilko-web-cccccccccccc-old00002=100 --region europe-north1 --project tribal-sign-487920-k0",
        ]);
        assert.strictEqual(project.config("prod")["bilko:services"].web.digest, OLD_WEB);
        assert.deepStrictEqual(appended(project, before).map((entry) => [entry.service, entry.digest, entry.kind, entry.reason]), [["web", OLD_WEB, "rollback", "checkout broken"]]);
        assert.match(run.stdout, /moved all traffic of bilko-web to bilko-web-cccccccccccc-old00002/);
        assert.match(run.stdout, /reconciles to bilko-web-cccccccccccc-old00002 and runs no migrations/);
    });

    it("refuses when no ready revision runs that digest, before moving anything", async () => {
        const project = prodWithHistory().revisions("bilko-web", [revision("bilko-web-x", `${IMAGE}@${OLD_WEB}`, "2026-11-21T08:00:00Z", false)]);
        const original = project.read("prod");
        const run = await project.run("rollback", ["prod", "--service", "web", "--now"]);
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /^rollback: refused: no ready revision of bilko-web runs sha256:c{64}; roll back through the pipeline instead: npm run rollback -- prod --service web\n$/);
        assert.ok(!project.gcloudCalls().some((call) => call.includes("update-traffic")));
        assert.strictEqual(project.read("prod"), original);
    });

    it("when gcloud fails to move traffic, exits 2 with gcloud's line and writes nothing", async () => {
        const project = withRevisions(prodWithHistory());
        const original = project.read("prod");
        const run = await project.run("rollback", ["prod", "--service", "web", "--now"], { FAKE_GCLOUD_FAIL: "update-traffic" });
        assert.strictEqual(run.status, 2);
        assert.match(run.stderr, /^rollback: gcloud run services update-traffic bilko-web failed: ERROR: \(gcloud\.run\.services\.update-traffic\) PERMISSION_DENIED.*; no traffic moved\n$/);
        assert.strictEqual(project.read("prod"), original);
    });

    it("--dry-run names the revision and moves nothing", async () => {
        const project = withRevisions(prodWithHistory());
        const original = project.read("prod");
        const run = await project.run("rollback", ["prod", "--service", "web", "--now", "--dry-run"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /would move all traffic of bilko-web to bilko-web-cccccccccccc-old00002/);
        assert.ok(!project.gcloudCalls().some((call) => call.includes("update-traffic")));
        assert.strictEqual(project.read("prod"), original);
    });

    it("picks the newest ready revision by digest, ignoring not-ready ones and other digests", () => {
        const image = (digest: string) => `${IMAGE}@${digest}`;
        const revisions = [revision("a", image(OLD_WEB), "2026-01-01T00:00:00Z"), revision("b", image(OLD_WEB), "2026-01-02T00:00:00Z", false), revision("c", image(OLDER_WEB), "2026-01-03T00:00:00Z")];
        assert.strictEqual(readyRevisionRunning(revisions, OLD_WEB), "a");
        assert.strictEqual(readyRevisionRunning(revisions, digestOf("e")), undefined);
        assert.strictEqual(readyRevisionRunning("not a list", OLD_WEB), undefined);
    });
});
