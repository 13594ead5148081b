/** No silent rollback of stage: its file lags its builds, so a digest older than the one it runs is refused. */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, type Release } from "../../config";
import { mockCall, mockResource } from "../../offline/mockState";
import { guardRunningDigests, PreviousDeployment, staleDigestRefusal, staleDigests } from "../../promotion";
import { COMMITTED_STACKS, committedValues } from "../support/stacks";
import { digestOf } from "../support/digests";

const [OLD, RUNNING, NEW] = ["a", "b", "c"].map(digestOf);

function entry(digest: string, kind: Release["kind"]): Release {
    return { service: "web", digest, from: "stage", at: "2026-11-22T08:00:00Z", by: "a@b.c", kind, reason: "why" };
}

describe("digests older than what a build-fed stack runs", () => {
    const released = { web: [RUNNING, OLD] };

    it("finds a configured digest the stack released before the one it runs", () => {
        assert.deepStrictEqual(staleDigests({ digests: { web: OLD }, released, releases: [] }), [{ service: "web", configured: OLD, running: RUNNING }]);
    });

    it("lets through what runs, a digest never released (a new build's), and a first deployment", () => {
        assert.deepStrictEqual(staleDigests({ digests: { web: RUNNING }, released, releases: [] }), []);
        assert.deepStrictEqual(staleDigests({ digests: { web: NEW }, released, releases: [] }), []);
        assert.deepStrictEqual(staleDigests({ digests: { web: OLD }, released: undefined, releases: [] }), []);
    });

    it("lets through a rollback someone asked for: the latest entry rolls back (or forces) to exactly that digest", () => {
        assert.deepStrictEqual(staleDigests({ digests: { web: OLD }, released, releases: [entry(OLD, "rollback")] }), []);
        assert.deepStrictEqual(staleDigests({ digests: { web: OLD }, released, releases: [entry(OLD, "force")] }), []);
        assert.strictEqual(staleDigests({ digests: { web: OLD }, released, releases: [entry(OLD, "promote")] }).length, 1);
    });

    it("refuses in one line naming the file, the key, both digests and the two ways out", () => {
        assert.strictEqual(
            staleDigestRefusal("Pulumi.stage.yaml", "stage", [{ service: "web", configured: OLD, running: RUNNING }]),
            `Pulumi.stage.yaml: bilko:services.web.digest: ${OLD} is older than ${RUNNING}, which stage runs; deploying it would roll stage back: ` +
                `deploy what runs (pulumi config set --stack stage --path bilko:services.web.digest ${RUNNING}), or roll back on purpose (npm run rollback -- stage)`,
        );
        assert.strictEqual(staleDigestRefusal("Pulumi.stage.yaml", "stage", []), undefined);
    });
});

describe("the running-digests guard under mocks", function () {
    this.timeout(30000);

    it("refuses pulumi up with the stage file's digest when stage released a newer one: the gate raises the one-line RunError", async () => {
        const values = committedValues("stage");
        const outputs = { releasedDigests: { web: [RUNNING, values["bilko:services"].web.digest], api: [values["bilko:services"].api.digest] } };
        await pulumi.runtime.setMocks(
            { newResource: (args) => (args.type === "pulumi:pulumi:StackReference" ? { id: args.name, state: { outputs, secretOutputNames: [] } } : mockResource(args)), call: mockCall },
            "bilko",
            "stage",
            false,
        );
        const raised = new Promise<Error>((resolve) => {
            const listener = (reason: unknown) => {
                if (pulumi.RunError.isInstance(reason)) {
                    process.off("unhandledRejection", listener);
                    resolve(reason);
                }
            };
            process.on("unhandledRejection", listener);
        });
        const config = parseStackConfig(values, { stack: "stage", knownStacks: COMMITTED_STACKS });
        guardRunningDigests(config, new PreviousDeployment(config, "organization"));
        const error = await raised;
        assert.match(error.message, new RegExp(`^Pulumi\\.stage\\.yaml: bilko:services\\.web\\.digest: sha256:ef7393eb\\w+ is older than ${RUNNING}, which stage runs`));
    });
});
