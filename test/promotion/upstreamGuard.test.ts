import * as assert from "assert";
import type { Release } from "../../config";
import { checkUpstream } from "../../promotion";
import { digestOf } from "../support/digests";

const [A, B, C] = ["a", "b", "c"].map(digestOf);

function release(service: string, digest: string, kind: Release["kind"] = "promote", extra: Partial<Release> = {}): Release {
    return { service, digest, from: "stage", at: "2026-11-21T10:00:00Z", by: "a@b.c", kind, ...extra };
}

describe("upstream guard", () => {
    const base = { file: "Pulumi.prod.yaml", stack: "prod", upstream: "demo", digests: { web: A, api: B } };

    it("accepts digests that ran upstream", () => {
        const verdict = checkUpstream({ ...base, releases: [], upstreamReleased: { web: [C, A], api: [B] } });
        assert.strictEqual(verdict.refusal, undefined);
        assert.deepStrictEqual(verdict.services.map((s) => s.verdict), ["ran", "ran"]);
    });

    it("refuses a digest that never ran upstream, naming the file, key, digest and remedy in one line", () => {
        const verdict = checkUpstream({ ...base, releases: [], upstreamReleased: { web: [C], api: [B] } });
        assert.strictEqual(
            verdict.refusal,
            `Pulumi.prod.yaml: bilko:services.web.digest: ${A} never ran in stack "demo"; promote from demo (npm run promote -- prod), ` +
                `or record why a digest may skip demo: a bilko:releases entry for it with kind: force and a reason`,
        );
    });

    it("accepts a digest whose latest entry forces exactly it, with a reason", () => {
        const verdict = checkUpstream({ ...base, releases: [release("web", A, "force", { reason: "hotfix" })], upstreamReleased: { web: [C], api: [B] } });
        assert.strictEqual(verdict.refusal, undefined);
        assert.deepStrictEqual(verdict.services[0], { service: "web", digest: A, verdict: "forced", reason: "hotfix" });
    });

    for (const [what, releases] of [
        ["a force entry without a reason", [release("web", A, "force")]],
        ["a force entry for another digest", [release("web", C, "force", { reason: "hotfix" })]],
        ["a force entry that is no longer the latest", [release("web", A, "force", { reason: "hotfix" }), release("web", A)]],
    ] as const) {
        it(`refuses despite ${what}`, () => {
            const verdict = checkUpstream({ ...base, releases, upstreamReleased: { web: [C], api: [B] } });
            assert.strictEqual(verdict.services[0].verdict, "refused");
            assert.ok(verdict.refusal);
        });
    }

    it("refuses every unforced digest when the upstream reports nothing, or something malformed", () => {
        const none = checkUpstream({ ...base, releases: [release("api", B, "force", { reason: "first" })], upstreamReleased: undefined });
        assert.match(none.refusal!, /^Pulumi\.prod\.yaml: bilko:upstream: stack "demo" reports no releasedDigests output, so .*refused: web;/);
        const malformed = checkUpstream({ ...base, releases: [], upstreamReleased: "oops" });
        assert.match(malformed.refusal!, /stack "demo" reports a malformed releasedDigests output \(expected a map of service to digests, got "oops"\).*refused: web, api;/);
    });
});
