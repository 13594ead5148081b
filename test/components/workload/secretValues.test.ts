import * as assert from "assert";
import { entropy, plaintextSecretKind } from "../../../components/workload/secretValues";

/** Synthetic values in each provider's format: none of them is a real credential. */
const KNOWN_FORMATS: ReadonlyArray<readonly [string, string]> = [
    ["sk_live_SYNTHETICnotARealKey00000", "a Stripe secret key"],
    ["rk_test_SYNTHETIC0000000000", "a Stripe secret key"],
    ["xoxb-000000000000-SYNTHETIC", "a Slack token"],
    ["-----BEGIN PRIVATE KEY-----\nMIIE...", "a private key (PEM)"],
    ["-----BEGIN RSA PRIVATE KEY-----", "a private key (PEM)"],
    ["-----BEGIN OPENSSH PRIVATE KEY-----", "a private key (PEM)"],
    ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzeW50aGV0aWMifQ.c2lnbmF0dXJl", "a JSON Web Token"],
    ["AKIAIOSFODNN7EXAMPLE", "an AWS access key id"],
    ["AIzaSyD-SYNTHETIC-000000000000000000000", "a Google API key"],
    ["ghp_SYNTHETIC000000000000000000000000000", "a GitHub token"],
];

describe("credentials recognised by value", () => {
    for (const [value, kind] of KNOWN_FORMATS) {
        it(`${JSON.stringify(value.split("\n")[0])} is ${kind}`, () => {
            assert.strictEqual(plaintextSecretKind(value), kind);
        });
    }

    it("finds a known format inside a longer value (a URL with a key in its query)", () => {
        assert.strictEqual(plaintextSecretKind("https://api.example.com/v1?key=sk_live_SYNTHETICnotARealKey00000"), "a Stripe secret key");
    });

    it("a long random literal (AWS's documented example secret, a generated password inside a URL)", () => {
        for (const value of ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "postgresql://app:S3cr3tP4ssw0rdXyZ987abcQ@10.0.0.3/app"]) {
            assert.match(plaintextSecretKind(value) ?? "", /^a high-entropy literal/, value);
        }
    });

    it("leaves plain configuration alone: URLs, addresses, hostnames, digests, ids, names", () => {
        const plain = [
            "https://bilko-api.alai.no",
            "no-reply@alai.no",
            "https://bilko-stage.alai.no,http://localhost:3000,https://bilko-web-stage-dh4m46blja-lz.a.run.app",
            "europe-north1-docker.pkg.dev/tribal-sign-487920-k0/bilko/api@sha256:81214b16cc3be96c226d68c6b28c610405a0b994e33e0c5005c91449c8ff5eff",
            "023e105f4ecef8ad9ca31a8372d0c353",
            "9f2c4e1a7b3d5f6e8a0c2b4d6f8e0a1c3b5d7f9e",
            "123e4567-e89b-12d3-a456-426614174000",
            "SomeVeryLongIdentifierName1",
            "MyApplicationNameForProduction2024",
            "com.google.cloud.sql.postgres.SocketFactory",
            "Bilko Demo Firma",
            "x".repeat(64),
        ];
        for (const value of plain) {
            assert.strictEqual(plaintextSecretKind(value), undefined, value);
        }
    });

    it("entropy: bits per character", () => {
        assert.strictEqual(entropy("aaaa"), 0);
        assert.strictEqual(entropy("abab"), 1);
        assert.strictEqual(entropy("abcd"), 2);
    });
});
