/** What the deploy steps read about a stack, and the checks they make before changing anything. */
import * as assert from "assert";
import { main as facts } from "../../../components/pipeline/factsCommand";
import { fourEyesProblem, programGuardProblem } from "../../../components/pipeline/deployChecks";
import { backupTarget, migrationJobs, restoreDigests, runningDigests, serviceUrns, smokePassed, smokeSecrets } from "../../../components/pipeline/stackFacts";
import { parseStackConfig, type StackConfig } from "../../../config";
import { currentProgramHash } from "../../../promotion";
import { COMMITTED_STACKS, edited, plannedStack } from "../../support/stacks";
import { digestOf } from "../../support/digests";

function config(stack: string, edit: (values: Record<string, any>) => void = () => undefined): StackConfig {
    return parseStackConfig(edited(stack, edit), { stack, knownStacks: COMMITTED_STACKS });
}

const rollbackOfApi = (values: Record<string, any>) =>
    values["bilko:releases"].push({ service: "api", digest: values["bilko:services"].api.digest, from: "prod", at: "2026-11-22T08:00:00Z", by: "a@b.c", kind: "rollback" });

describe("stack facts the deploy steps read", () => {
    it("URNs of the Cloud Run services, which the first pulumi up excludes, match the declared resources", async () => {
        const plan = await plannedStack("demo");
        const declared = plan.resources.filter((resource) => resource.type === "gcp:cloudrunv2/service:Service").map((resource) => resource.urns.self);
        assert.deepStrictEqual(serviceUrns("bilko", config("demo")), declared);
    });

    it("migrations jobs with their region and project, none when the deployed digest is a rollback", () => {
        assert.deepStrictEqual(migrationJobs("bilko", config("demo")), ["bilko-api-migrate-demo europe-north1 tribal-sign-487920-k0"]);
        assert.deepStrictEqual(migrationJobs("bilko", config("prod", rollbackOfApi)), []);
    });

    it("a backup of demo's and prod's database before migrations, never stage's, and none when nothing migrates", () => {
        assert.deepStrictEqual(backupTarget(config("prod")), ["bilko-db tribal-sign-487920-k0"]);
        assert.deepStrictEqual(backupTarget(config("demo")), ["bilko-demo-db tribal-sign-487920-k0"]);
        assert.deepStrictEqual(backupTarget(config("stage")), []);
        assert.deepStrictEqual(backupTarget(config("prod", rollbackOfApi)), []);
    });

    it("restores the last released digest of each service and the migrator that shipped with it; nothing on a first deployment", () => {
        const outputs = { releasedDigests: { web: [digestOf("a"), digestOf("b")], api: [digestOf("c")] }, releasedMigrators: { api: { [digestOf("c")]: digestOf("d") } } };
        assert.deepStrictEqual(restoreDigests(config("demo"), outputs), [
            `bilko:services.web.digest ${digestOf("a")}`,
            `bilko:services.api.digest ${digestOf("c")}`,
            `bilko:services.api.migrations.digest ${digestOf("d")}`,
        ]);
        assert.deepStrictEqual(restoreDigests(config("demo"), {}), [], "a stack with no outputs yet");
        assert.deepStrictEqual(restoreDigests(config("demo"), { services: {} }), [], "outputs lacking the key");
    });

    it("running digests: where stage's file is older than what stage released last, the digest it runs", () => {
        const stage = config("stage");
        const newer = digestOf("9");
        assert.deepStrictEqual(runningDigests(stage, { releasedDigests: { web: [newer, stage.services.web.digest], api: [stage.services.api.digest] } }), [`bilko:services.web.digest ${newer}`]);
        assert.deepStrictEqual(runningDigests(stage, {}), [], "a stack with no outputs");
    });

    it("smoke-passed keys for every configured digest, and the smoke logins' secrets", () => {
        const demo = config("demo");
        assert.deepStrictEqual(smokePassed(demo), [`bilko:smokePassed.web ${demo.services.web.digest}`, `bilko:smokePassed.api ${demo.services.api.digest}`]);
        assert.deepStrictEqual(smokeSecrets(demo), ["bilko-demo-smoke-login tribal-sign-487920-k0"]);
        assert.deepStrictEqual(smokeSecrets(config("prod")), []);
    });
});

describe("checks before anything changes", () => {
    it("the program guard: passes when the upstream deployed this program, refuses with one line otherwise", () => {
        const hash = currentProgramHash();
        assert.strictEqual(programGuardProblem(config("demo"), hash, { program: { hash, deployed: [hash] } }), undefined);
        const other = digestOf("e");
        assert.strictEqual(
            programGuardProblem(config("demo"), hash, { program: { hash: other, deployed: [other] } }),
            `Pulumi.demo.yaml: stack "stage" never deployed this program (${hash.slice(0, 19)}); it last deployed ${other.slice(0, 19)}; deploy stage with this commit first (its pipeline does), then this stack`,
        );
        assert.match(programGuardProblem(config("prod"), hash, {})!, /^Pulumi\.prod\.yaml: stack "demo" reports no program output, so it cannot vouch for this program/);
        assert.strictEqual(programGuardProblem(config("stage"), hash, {}), undefined, "stage has no upstream");
    });

    const approvedBy = (account: string, state = "APPROVED") => ({ id: "build-7", approval: { state, result: { approverAccount: account, decision: state, approvalTime: "2026-11-22T09:00:00Z" } } });

    it("four eyes: refuses when the approver wrote the promotion entry of a digest being deployed (emails in any case)", () => {
        const prod = config("prod", (values) =>
            values["bilko:releases"].push({ service: "api", digest: values["bilko:services"].api.digest, from: "demo", at: "2026-11-22T08:00:00Z", by: "Ana@Alai.no", kind: "promote" }),
        );
        const index = prod.releases.length - 1;
        assert.strictEqual(
            fourEyesProblem(prod, approvedBy("ana@alai.no")),
            `Pulumi.prod.yaml: bilko:releases[${index}] (api) was written by Ana@Alai.no, who also approved build build-7; a second person must approve prod (four eyes)`,
        );
        assert.strictEqual(fourEyesProblem(prod, approvedBy("ben@alai.no")), undefined);
    });

    it("four eyes: refuses a build without an approval, and digests no entry names", () => {
        assert.match(fourEyesProblem(config("prod"), approvedBy("ben@alai.no", "PENDING"))!, /^Pulumi\.prod\.yaml: build build-7 has no approval \(approval\.state "PENDING"\)/);
        assert.match(fourEyesProblem(config("prod"), {})!, /has no approval \(approval\.state undefined\)/);
        const unrecorded = config("prod", (values) => (values["bilko:services"].api.digest = digestOf("f")));
        assert.match(fourEyesProblem(unrecorded, approvedBy("ben@alai.no"))!, /^Pulumi\.prod\.yaml: no bilko:releases entry records api sha256:f{64} as its latest, so its writer cannot be told apart from the approver/);
    });

    it("the facts tool: exit 1 with the refusal, 2 for stdin that is not JSON or an unknown fact", () => {
        const errors: string[] = [];
        const original = console.error;
        console.error = (line: string) => errors.push(line);
        try {
            assert.strictEqual(facts(["prod", "four-eyes"], () => JSON.stringify({ id: "b", approval: { state: "REJECTED" } })), 1);
            assert.strictEqual(facts(["prod", "four-eyes"], () => "ERROR: (gcloud.builds.describe)"), 2);
            assert.strictEqual(facts(["demo", "everything"]), 2);
        } finally {
            console.error = original;
        }
        assert.match(errors[0], /^refused: Pulumi\.prod\.yaml: build b has no approval/);
        assert.strictEqual(errors[1], 'pipelineFacts: expected the build as JSON on stdin, got "ERROR: (gcloud.builds.describe)"');
        assert.match(errors[2], /^usage: tools\/pipelineFacts\.ts <stack> <service-urns\|migration-jobs\|backup\|/);
    });

    it("the facts tool prints one item per line", () => {
        let written = "";
        assert.strictEqual(facts(["demo", "migration-jobs"], () => "", (text) => (written += text)), 0);
        assert.strictEqual(written, "bilko-api-migrate-demo europe-north1 tribal-sign-487920-k0\n");
    });
});
