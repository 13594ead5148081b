/** The program's side of promotion under Pulumi's mock runtime, where stack references read the committed stack files. */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { parseStackConfig } from "../../config";
import { currentProgramHash } from "../../promotion";
import { guardUpstream } from "../../promotion/stackReferences";
import { mockCall, mockResource } from "../../offline/mockState";
import { COMMITTED_STACKS, committedValues, edited, evaluate, plannedStack, PROJECT_DIR, resourceNamed } from "../support/stacks";
import { digestOf } from "../support/digests";

const stage = committedValues("stage")["bilko:services"];
const demo = committedValues("demo")["bilko:services"];

describe("upstream guard under mocks", function () {
    this.timeout(30000);

    it("accepts demo's digests, which stage runs, and this program, which stage deployed; records the verdict", async () => {
        const plan = await plannedStack("demo");
        assert.deepStrictEqual(plan.outputs.upstreamGuard, {
            upstream: "stage",
            services: [
                { service: "web", digest: stage.web.digest, verdict: "ran" },
                { service: "api", digest: stage.api.digest, verdict: "ran" },
            ],
            program: { upstream: "stage", hash: currentProgramHash(), ran: true },
        });
        for (const service of ["web-service", "api-service"]) {
            assert.ok(resourceNamed(plan, service).options.dependsOn.includes("pulumi:pulumi:StackReference::upstream-guard"), `${service} waits for the guard`);
        }
    });

    it("accepts prod's digests, which demo ran before its current ones", async () => {
        const plan = await plannedStack("prod");
        assert.deepStrictEqual((plan.outputs.upstreamGuard as any).services.map((s: any) => s.verdict), ["ran", "ran"]);
    });

    it("has no upstream guard in stage, where images enter; its services wait for the running-digests guard instead", async () => {
        const plan = await plannedStack("stage");
        assert.strictEqual(plan.outputs.upstreamGuard, undefined);
        assert.ok(!resourceNamed(plan, "web-service").options.dependsOn.some((urn) => urn.endsWith("::upstream-guard")));
        assert.ok(resourceNamed(plan, "web-service").options.dependsOn.includes("pulumi:pulumi:StackReference::running-digests-guard"));
    });

    it("accepts a digest that never ran upstream when its latest release forces it with a reason", async () => {
        const hotfix = digestOf("f");
        const plan = await evaluate(
            "demo",
            edited("demo", (v) => {
                v["bilko:services"].web.digest = hotfix;
                v["bilko:releases"].push({ service: "web", digest: hotfix, from: "stage", at: "2026-11-22T08:00:00Z", by: "a@b.c", kind: "force", reason: "stage is down; hotfix" });
            }),
        );
        assert.deepStrictEqual((plan.outputs.upstreamGuard as any).services[0], { service: "web", digest: hotfix, verdict: "forced", reason: "stage is down; hotfix" });
        assert.match(resourceNamed(plan, "web-service").inputs.template.containers[0].image, new RegExp(`/web@${hotfix}$`));
    });

    it("refuses a digest that never ran upstream: the gate raises the one-line RunError", async () => {
        const values = edited("demo", (v) => (v["bilko:services"].web.digest = digestOf("e")));
        await pulumi.runtime.setMocks({ newResource: mockResource, call: mockCall }, "bilko", "demo", false);
        const config = parseStackConfig(values, { stack: "demo", knownStacks: COMMITTED_STACKS });
        const raised = new Promise<Error>((resolve) => {
            const listener = (reason: unknown) => {
                if (pulumi.RunError.isInstance(reason)) {
                    process.off("unhandledRejection", listener);
                    resolve(reason);
                }
            };
            process.on("unhandledRejection", listener);
        });
        const { verdict } = guardUpstream(config, "stage", "organization", currentProgramHash());
        const error = await raised;
        assert.match(error.message, new RegExp(`^Pulumi\\.demo\\.yaml: bilko:services\\.web\\.digest: ${digestOf("e")} never ran in stack "stage"; promote from stage`));
        const seen = await new Promise<any>((resolve) => verdict.apply(resolve));
        assert.strictEqual(seen.refusal, error.message);
    });

    it("makes the offline plan fail with exit 1 and the guard's one line", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-guard-"));
        const file = path.join(dir, "candidate.yaml");
        fs.writeFileSync(file, stringify({ config: edited("demo", (v) => (v["bilko:services"].api.digest = digestOf("e"))) }));
        const run = spawnSync(process.execPath, ["--require", "sucrase/register/ts", "tools/plan.ts", "demo", "--config", file], { cwd: PROJECT_DIR, encoding: "utf8" });
        fs.rmSync(dir, { recursive: true, force: true });
        assert.strictEqual(run.status, 1, run.stderr);
        assert.strictEqual(run.stdout, "");
        assert.match(run.stderr, new RegExp(`^plan: candidate\\.yaml: bilko:services\\.api\\.digest: ${digestOf("e")} never ran in stack "stage"; promote from stage .*\\n$`));
    });
});

describe("released digests and canary under mocks", function () {
    this.timeout(30000);

    it("exports every released digest: offline, the committed ones count as released before, so the history stands", async () => {
        const plan = await plannedStack("demo");
        const prod = committedValues("prod")["bilko:services"];
        assert.deepStrictEqual(plan.outputs.releasedDigests, { api: [demo.api.digest, prod.api.digest], web: [demo.web.digest, prod.web.digest] });
    });

    it("releases a digest the pipeline says passed its smoke test, and pairs it with its migrator", async () => {
        const next = digestOf("9");
        const migrator = digestOf("8");
        const values = edited("stage", (v) => {
            v["bilko:services"].api.digest = next;
            v["bilko:services"].api.migrations.digest = migrator;
        });
        const untested = await evaluate("stage", values);
        assert.ok(!(untested.outputs.releasedDigests as any).api.includes(next), "deployed, not smoke-tested: not released");
        const passed = await evaluate("stage", { ...values, "bilko:smokePassed": { api: next } });
        assert.strictEqual((passed.outputs.releasedDigests as any).api[0], next);
        assert.strictEqual((passed.outputs.releasedMigrators as any).api[next], migrator);
    });

    it("exports the program's hash and the ones deployed before", async () => {
        const plan = await plannedStack("prod");
        assert.deepStrictEqual(plan.outputs.program, { hash: currentProgramHash(), deployed: [currentProgramHash()] });
    });

    it("names the revision from the digest and the template, and sends it all traffic on a first deployment", async () => {
        const plan = await plannedStack("demo");
        const service = resourceNamed(plan, "web-service").inputs;
        const rollout = (plan.outputs.rollout as any).web;
        assert.match(rollout.candidate, new RegExp(`^bilko-web-demo-${demo.web.digest.slice(7, 19)}-[0-9a-f]{8}$`));
        assert.strictEqual(service.template.revision, rollout.candidate);
        assert.deepStrictEqual(service.traffics, [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: rollout.candidate, percent: 100, tag: "candidate" }]);
        assert.strictEqual(rollout.testUrls.candidate, "https://candidate---bilko-web-demo-mock-europe-north1.a.run.app");
    });

    it("gives a config-only change a new revision name", async () => {
        const before = (await plannedStack("demo")).outputs.rollout as any;
        const plan = await evaluate("demo", edited("demo", (v) => (v["bilko:services"].web.maxInstances = 7)));
        const after = plan.outputs.rollout as any;
        assert.notStrictEqual(after.web.candidate, before.web.candidate);
        assert.strictEqual(after.web.candidate.slice(0, -9), before.web.candidate.slice(0, -9), "same service and digest part");
        assert.strictEqual(after.api.candidate, before.api.candidate);
    });
});
