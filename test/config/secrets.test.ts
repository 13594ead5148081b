import * as assert from "assert";
import { parseStackConfig, StackConfigError, stackFileValues } from "../../config";
import { COMMITTED_STACKS, edited } from "../support/stacks";

function refusal(values: Record<string, unknown>, securePaths?: string[]): string {
    try {
        parseStackConfig(values, { stack: "prod", knownStacks: COMMITTED_STACKS, securePaths });
    } catch (error) {
        assert.ok(error instanceof StackConfigError, `expected a StackConfigError, got ${String(error)}`);
        return error.message;
    }
    assert.fail("the config was accepted");
}

describe("stack config: plaintext secrets by value", () => {
    it("a Stripe key under a name that says nothing is refused, naming the key", () => {
        const values = edited("prod", (v) => (v["bilko:services"].api.env.STRIPE_SK = "sk_live_SYNTHETICnotARealKey00000"));
        assert.strictEqual(
            refusal(values),
            "Pulumi.prod.yaml: bilko:services.api.env.STRIPE_SK: its value looks like a Stripe secret key; store it in Secret Manager and list it under secrets (STRIPE_SK: <secret id>)",
        );
    });

    it("a high-entropy literal under SMTP_PASS", () => {
        const values = edited("prod", (v) => (v["bilko:services"].web.env.SMTP_PASS = "tZ4f9Qx2Lk8Wm3Nb7Vc1Rp6Ys0Hd5Jg"));
        assert.match(refusal(values), /^Pulumi\.prod\.yaml: bilko:services\.web\.env\.SMTP_PASS: its value looks like a high-entropy literal/);
    });

    it("a JWT signing key pasted as a PEM", () => {
        const values = edited("prod", (v) => (v["bilko:services"].api.env.JWT_SIGNING = "-----BEGIN EC PRIVATE KEY-----"));
        assert.match(refusal(values), /bilko:services\.api\.env\.JWT_SIGNING: its value looks like a private key \(PEM\)/);
    });
});

describe("stack config: secure: values where they would deploy in plain text", () => {
    const prodWithSecureEnv = `config:\n  bilko:services:\n    api:\n      env:\n        SMTP_PASS:\n          secure: v1:c3ludGhldGlj\n`;

    it("the stack file says where each secure: value is", () => {
        const file = stackFileValues(prodWithSecureEnv, "Pulumi.prod.yaml");
        assert.deepStrictEqual(file.securePaths, ["bilko:services.api.env.SMTP_PASS"]);
        assert.deepStrictEqual(file.secretKeys, ["bilko:services"]);
    });

    it("a secure: value under env is refused, naming it", () => {
        const values = edited("prod", (v) => (v["bilko:services"].api.env.SMTP_PASS = "[secret]"));
        assert.strictEqual(
            refusal(values, ["bilko:services.api.env.SMTP_PASS"]),
            "Pulumi.prod.yaml: bilko:services.api.env.SMTP_PASS: is a secure: value, which Pulumi decrypts and the service would get as a plaintext env var; store it in Secret Manager and list it under secrets",
        );
    });

    it("under the engine, where Pulumi says only which key holds a secret, bilko:services itself is named", () => {
        assert.match(refusal(edited("prod", () => undefined), ["bilko:services"]), /^Pulumi\.prod\.yaml: bilko:services: holds a secure: value, and nothing under bilko:services takes one/);
    });

    it("secure: values outside bilko:services (a Cloudflare token, a kubeconfig) are not refused", () => {
        const config = parseStackConfig(edited("prod", () => undefined), { stack: "prod", knownStacks: COMMITTED_STACKS, securePaths: ["cloudflare:apiToken"] });
        assert.strictEqual(config.environment, "prod");
    });
});
