import * as assert from "assert";
import { parseStackConfig, StackConfigError } from "../../../config";
import { COMMITTED_STACKS, edited } from "../../support/stacks";

function refusal(edit: (pipeline: Record<string, any>) => void): string {
    try {
        parseStackConfig(edited("stage", (v) => edit(v["bilko:pipeline"])), { stack: "stage", knownStacks: COMMITTED_STACKS });
    } catch (error) {
        assert.ok(error instanceof StackConfigError, String(error));
        return error.message;
    }
    assert.fail("the edited config was accepted");
}

describe("stack config: bilko:pipeline names the resources its accounts are granted on", () => {
    it("refuses a state backend other than a gs:// bucket", () => {
        assert.strictEqual(
            refusal((pipeline) => (pipeline.stateBackend = "https://api.pulumi.com")),
            `Pulumi.stage.yaml: bilko:pipeline.stateBackend: the pipeline's accounts are granted on the state bucket itself; use a "gs://<bucket>" backend, got "https://api.pulumi.com"`,
        );
    });

    it("refuses a secrets provider other than a Cloud KMS key", () => {
        assert.strictEqual(
            refusal((pipeline) => (pipeline.secretsProvider = "passphrase")),
            `Pulumi.stage.yaml: bilko:pipeline.secretsProvider: the pipeline's accounts are granted on the KMS key itself; use "gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>", got "passphrase"`,
        );
    });

    it("refuses a 2nd-gen repository in another region than the triggers", () => {
        const message = refusal((pipeline) => {
            delete pipeline.github;
            pipeline.repository = "projects/p/locations/us-central1/connections/github/repositories/bilko";
        });
        assert.strictEqual(
            message,
            `Pulumi.stage.yaml: bilko:pipeline.repository: the repository's connection is in "us-central1" but the triggers run in gcp:region "europe-north1"; they must be in one region`,
        );
    });

    it("refuses a pulumi builder whose image does not say its Node is 20.19 or newer", () => {
        const digest = `sha256:${"a".repeat(64)}`;
        for (const image of [`docker.io/pulumi/pulumi-nodejs@${digest}`, `docker.io/pulumi/pulumi-nodejs-20@${digest}`]) {
            assert.match(
                refusal((pipeline) => (pipeline.builders.pulumi = image)),
                /^Pulumi\.stage\.yaml: bilko:pipeline\.builders\.pulumi: expected a pulumi\/pulumi-nodejs-<major> image with a major of 22 or more \(the program needs Node 20\.19 or newer/,
            );
        }
    });

    it("refuses a GKE builder other than Pulumi's full image (gcloud and gke-gcloud-auth-plugin)", () => {
        assert.match(
            refusal((pipeline) => (pipeline.builders.pulumiGke = `docker.io/pulumi/pulumi-nodejs-22@sha256:${"a".repeat(64)}`)),
            /^Pulumi\.stage\.yaml: bilko:pipeline\.builders\.pulumiGke: expected Pulumi's full image pulumi\/pulumi/,
        );
    });

    it("accepts the committed pipeline", () => {
        const config = parseStackConfig(edited("stage", () => undefined), { stack: "stage", knownStacks: COMMITTED_STACKS });
        assert.strictEqual(config.pipeline?.stateBackend, "gs://tribal-sign-487920-k0-pulumi-state");
    });
});
