/** `npm run promote` into prod against its committed deploy windows, at fixed times; rollbacks are never held. */
import * as assert from "assert";
import { parse } from "yaml";
import { deployWindowProblem } from "../../../components/pipeline/deployChecks";
import { parseStackConfig } from "../../../config";
import { COMMITTED_STACKS, committedValues, edited, PROJECT_DIR } from "../../support/stacks";
import * as fs from "fs";
import * as path from "path";
import { digestOf, Project, RELEASER, update, upstreamOutputs, withoutWindows } from "./support";

const prod = committedValues("prod")["bilko:services"];
const NEW_API = digestOf("e");
/** Mon 21 Dec 2026 10:00 in Oslo: inside the year-end freeze. */
const IN_FREEZE = new Date("2026-12-21T09:00:00Z");
/** Fri 4 Dec 2026 10:00 in Oslo: outside Mon-Thu 08:00-15:00. */
const FRIDAY = new Date("2026-12-04T09:00:00Z");
/** Thu 3 Dec 2026 10:00 in Oslo: inside the window. */
const THURSDAY = new Date("2026-12-03T09:00:00Z");

/** Demo runs a new api digest, deployed long enough ago for prod's bake time (60 minutes) at `now`. */
function demoWithNewApi(now: Date): Project {
    return new Project({ windows: true })
        .outputs("demo", upstreamOutputs({ web: prod.web.digest, api: NEW_API }))
        .history("demo", [update(7, "succeeded", new Date(now.getTime() - 90 * 60000))]);
}

describe("npm run promote -- prod, and its deploy windows", function () {
    this.timeout(30000);

    it("inside a freeze: refused, exit 1, naming the freeze and when the next window opens; nothing written", async () => {
        const project = demoWithNewApi(IN_FREEZE);
        const before = project.read("prod");
        const run = await project.run("promote", ["prod"], {}, IN_FREEZE);
        assert.strictEqual(run.status, 1, run.stderr);
        assert.strictEqual(
            run.stderr.trim(),
            'promote: refused: prod is frozen from 2026-12-18 to 2027-01-04 (Europe/Oslo): year-end close (bilko:promotion.windows.freeze[0]); the next window opens Tue 2027-01-05 08:00 Europe/Oslo; to go ahead anyway: npm run promote -- prod --force --reason "<why>"',
        );
        assert.strictEqual(project.read("prod"), before);
    });

    it("inside a freeze with --force --reason: written, and recorded as forced with the reason", async () => {
        const project = demoWithNewApi(IN_FREEZE);
        const entries = project.config("prod")["bilko:releases"].length;
        const run = await project.run("promote", ["prod", "--force", "--reason", "payment outage fix, CFO approved"], {}, IN_FREEZE);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^ {2}forced: api: prod is frozen from 2026-12-18 to 2027-01-04/m);
        const written = project.config("prod");
        assert.strictEqual(written["bilko:services"].api.digest, NEW_API);
        assert.deepStrictEqual(written["bilko:releases"].slice(entries), [
            { service: "api", digest: NEW_API, from: "demo", at: "2026-12-21T09:00:00Z", by: RELEASER, kind: "force", reason: "payment outage fix, CFO approved" },
        ]);
        // The deploy trigger lets exactly this forced digest through the freeze.
        const config = parseStackConfig(parse(project.read("prod")).config, { stack: "prod", knownStacks: COMMITTED_STACKS });
        const releasedBefore = { releasedDigests: { web: [prod.web.digest], api: [prod.api.digest] } };
        assert.strictEqual(deployWindowProblem(config, new Date(IN_FREEZE.getTime() + 30 * 60000), releasedBefore), undefined);
    });

    it("outside the allowed window: refused, naming the window and the next opening", async () => {
        const run = await demoWithNewApi(FRIDAY).run("promote", ["prod"], {}, FRIDAY);
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /refused: prod takes promotions only in Mon-Thu 08:00-15:00 Europe\/Oslo \(bilko:promotion\.windows\.allow\); it is Fri 2026-12-04 10:00 Europe\/Oslo; the next window opens Mon 2026-12-07 08:00 Europe\/Oslo;/);
    });

    it("inside the window: promoted as usual", async () => {
        const project = demoWithNewApi(THURSDAY);
        const run = await project.run("promote", ["prod"], {}, THURSDAY);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(project.config("prod")["bilko:releases"].at(-1).kind, "promote");
    });

    it("--finish (all traffic to a canary) waits for the window too, unless forced with a reason (recorded as forced)", async () => {
        const project = new Project({ windows: true });
        project.write("prod", project.read("prod").replace("  bilko:rollout:\n    canaryPercent: 100\n", "  bilko:rollout:\n    canaryPercent: 10\n"));
        const held = await project.run("promote", ["prod", "--finish"], {}, IN_FREEZE);
        assert.strictEqual(held.status, 1);
        assert.match(held.stderr, /refused: prod is frozen from 2026-12-18 to 2027-01-04 .*; to go ahead anyway: npm run promote -- prod --finish --force --reason "<why>"/);
        const forced = await project.run("promote", ["prod", "--finish", "--force", "--reason", "canary healthy, close before the freeze ends"], {}, IN_FREEZE);
        assert.strictEqual(forced.status, 0, forced.stderr);
        assert.deepStrictEqual(
            project.config("prod")["bilko:releases"].slice(-2).map((entry: any) => [entry.service, entry.kind, entry.finished, entry.reason]),
            [["web", "force", true, "canary healthy, close before the freeze ends"], ["api", "force", true, "canary healthy, close before the freeze ends"]],
        );
    });

    it("a rollback inside a freeze is never held back", async () => {
        const project = new Project({ windows: true }).outputs("prod", { releasedDigests: { web: [prod.web.digest, digestOf("1")], api: [prod.api.digest, digestOf("2")] } });
        const run = await project.run("rollback", ["prod", "--service", "api"], {}, IN_FREEZE);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(project.config("prod")["bilko:services"].api.digest, digestOf("2"));
        assert.strictEqual(project.config("prod")["bilko:releases"].at(-1).kind, "rollback");
    });

    it("the other promotion tests run without the windows: withoutWindows drops exactly that block", () => {
        const text = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.prod.yaml"), "utf8");
        const stripped = withoutWindows(text);
        assert.strictEqual(parse(stripped).config["bilko:promotion"].windows, undefined);
        assert.deepStrictEqual({ ...parse(text).config, "bilko:promotion": { minBakeMinutes: 60 } }, parse(stripped).config);
    });
});

describe("the deploy trigger's window check (prepare, facts deploy-window)", () => {
    const released = { releasedDigests: { web: [prod.web.digest], api: [prod.api.digest] } };
    const config = (edit: (values: Record<string, any>) => void) => parseStackConfig(edited("prod", edit), { stack: "prod", knownStacks: COMMITTED_STACKS });
    const promoted = (kind: string, reason?: string) => (values: Record<string, any>) => {
        values["bilko:services"].api.digest = NEW_API;
        values["bilko:releases"].push({ service: "api", digest: NEW_API, from: "demo", at: "2026-12-21T08:00:00Z", by: "a@b.c", kind, ...(reason ? { reason } : {}) });
    };

    it("refuses a promotion deployed in a freeze, naming the service and what to do", () => {
        assert.strictEqual(
            deployWindowProblem(config(promoted("promote")), IN_FREEZE, released),
            'Pulumi.prod.yaml: prod is frozen from 2026-12-18 to 2027-01-04 (Europe/Oslo): year-end close (bilko:promotion.windows.freeze[0]); the next window opens Tue 2027-01-05 08:00 Europe/Oslo; api not deployed (run this trigger again then, or record a forced promotion: npm run promote -- prod --force --reason "<why>")',
        );
    });

    it("lets through rollbacks, forced promotions with a reason, and digests the stack already released", () => {
        assert.strictEqual(deployWindowProblem(config(promoted("rollback")), IN_FREEZE, released), undefined);
        assert.strictEqual(deployWindowProblem(config(promoted("force", "outage")), IN_FREEZE, released), undefined);
        assert.strictEqual(deployWindowProblem(config(() => undefined), IN_FREEZE, released), undefined, "nothing changes: a re-run in a freeze deploys nothing new");
        assert.strictEqual(deployWindowProblem(config(promoted("promote")), THURSDAY, released), undefined, "inside the window");
    });
});
