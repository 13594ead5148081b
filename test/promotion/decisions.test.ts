/** The pure decisions behind promotion: released digests, the upstream verdict, canary splits and revision names. */
import * as assert from "assert";
import { CANARY_TAGS, nextRollout, parseRolloutState, requestedCandidatePercent, trafficTargets } from "../../components/cloudrun/canary";
import { parseReleasedDigests, RELEASED_DIGESTS_KEPT, releasedDigests, releasesToDrop } from "../../promotion/releases";
import { canonicalJson, revisionName, templateHash } from "../../components/cloudrun/revisions";
import type { Release } from "../../config";
import { checkUpstream } from "../../promotion/upstreamGuard";
import { digestOf } from "./support";

const [A, B, C, D] = ["a", "b", "c", "d"].map(digestOf);

function release(service: string, digest: string, kind: Release["kind"] = "promote", extra: Partial<Release> = {}): Release {
    return { service, digest, from: "stage", at: "2026-11-21T10:00:00Z", by: "a@b.c", kind, ...extra };
}

describe("released digests of a stack", () => {
    it("on the first deployment: the current digest, then the audit trail newest first, each once", () => {
        const releases = [release("web", A), release("web", B), release("api", C), release("web", A)];
        assert.deepStrictEqual(releasedDigests({ current: { web: D, api: C }, releases }), { api: [C], web: [D, A, B] });
    });

    it("afterwards: the current digest, then what the previous deployment reported; the audit trail proves nothing more", () => {
        const result = releasedDigests({ current: { web: C }, previous: { web: [B, A], worker: [D] }, releases: [release("web", D)] });
        assert.deepStrictEqual(result, { web: [C, B, A], worker: [D] }, "a removed service keeps its history; D was only written, never reported");
    });

    it(`keeps the newest ${RELEASED_DIGESTS_KEPT} per service`, () => {
        const many = Array.from({ length: RELEASED_DIGESTS_KEPT + 5 }, (_, index) => `sha256:${index.toString(16).padStart(64, "0")}`);
        const result = releasedDigests({ current: { web: A }, previous: { web: many }, releases: [] });
        assert.strictEqual(result.web.length, RELEASED_DIGESTS_KEPT);
        assert.deepStrictEqual(result.web.slice(0, 2), [A, many[0]]);
    });

    it("reads a reported output back, and names what is malformed", () => {
        assert.deepStrictEqual(parseReleasedDigests({ web: [A] }), { digests: { web: [A] } });
        assert.deepStrictEqual(parseReleasedDigests(["x"]), { problem: `expected a map of service to digests, got ["x"]` });
        assert.deepStrictEqual(parseReleasedDigests({ web: [A, "latest"] }), { problem: `web: expected "sha256:" digests, got "latest"` });
    });

    it("trims the audit trail to the newest entries of each service", () => {
        const entries = [release("web", A), release("api", A), release("web", B), release("web", C)];
        assert.deepStrictEqual(releasesToDrop(entries, 2), [0]);
        assert.deepStrictEqual(releasesToDrop(entries, 3), []);
    });
});

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

describe("canary split", () => {
    it("asks for canaryPercent, or 100 once the running digest was finished or rolled back to", () => {
        assert.strictEqual(requestedCandidatePercent("web", A, [release("web", A)], 10), 10);
        assert.strictEqual(requestedCandidatePercent("web", A, [release("web", A), release("web", A, "promote", { finished: true })], 10), 100);
        assert.strictEqual(requestedCandidatePercent("web", A, [release("web", A, "rollback")], 10), 100);
        assert.strictEqual(requestedCandidatePercent("web", B, [release("web", A, "promote", { finished: true })], 10), 10, "finishing A says nothing of B");
    });

    it("first deployment: the candidate takes everything, whatever is asked", () => {
        for (const requestedPercent of [0, 10, 100]) {
            const state = nextRollout({ candidate: "web-b", requestedPercent });
            assert.deepStrictEqual(trafficTargets(state), [{ revision: "web-b", percent: 100, tag: CANARY_TAGS.candidate }]);
        }
    });

    const afterFullRelease = { candidate: "web-a", candidatePercent: 100 };
    for (const [percent, stablePercent] of [[0, 100], [10, 90], [100, 0]]) {
        it(`${percent}%: the new revision gets ${percent}, the one that served everything ${stablePercent}, both tagged`, () => {
            const state = nextRollout({ candidate: "web-b", requestedPercent: percent, previous: afterFullRelease });
            assert.deepStrictEqual(trafficTargets(state), [
                { revision: "web-b", percent, tag: "candidate" },
                { revision: "web-a", percent: stablePercent, tag: "stable" },
            ]);
        });
    }

    it("a new revision during a canary replaces the candidate; the fallback stays the revision that served everything", () => {
        const midCanary = { candidate: "web-b", stable: "web-a", candidatePercent: 10 };
        assert.deepStrictEqual(nextRollout({ candidate: "web-c", requestedPercent: 10, previous: midCanary }), { candidate: "web-c", stable: "web-a", candidatePercent: 10 });
    });

    it("an unchanged candidate keeps its fallback, so finishing moves only the percentages", () => {
        const midCanary = { candidate: "web-b", stable: "web-a", candidatePercent: 10 };
        assert.deepStrictEqual(nextRollout({ candidate: "web-b", requestedPercent: 100, previous: midCanary }), { candidate: "web-b", stable: "web-a", candidatePercent: 100 });
    });

    it("rolling back onto the stable revision collapses to one revision at 100%", () => {
        const midCanary = { candidate: "web-b", stable: "web-a", candidatePercent: 10 };
        assert.deepStrictEqual(nextRollout({ candidate: "web-a", requestedPercent: 100, previous: midCanary }), { candidate: "web-a", candidatePercent: 100 });
    });

    it("reads a previous rollout back; anything malformed counts as none", () => {
        assert.deepStrictEqual(parseRolloutState({ candidate: "web-b", stable: "web-a", candidatePercent: 10, testUrls: {} }), { candidate: "web-b", stable: "web-a", candidatePercent: 10 });
        assert.strictEqual(parseRolloutState({ candidate: "web-b", candidatePercent: 101 }), undefined);
        assert.strictEqual(parseRolloutState("web-b"), undefined);
    });
});

describe("revision names", () => {
    const template = { containers: [{ image: `r/web@${A}`, envs: [{ name: "X", value: "1" }] }], scaling: { maxInstanceCount: 3 } };

    it("name the service, the digest and the template", () => {
        assert.strictEqual(revisionName("bilko-web", A, "0123abcd"), `bilko-web-${"a".repeat(12)}-0123abcd`);
    });

    it("change with any config change, even with the same digest", () => {
        const changed = { ...template, scaling: { maxInstanceCount: 4 } };
        assert.notStrictEqual(templateHash(changed), templateHash(template));
    });

    it("do not depend on key order or undefined members", () => {
        const reordered = { scaling: { maxInstanceCount: 3 }, revision: undefined, containers: template.containers };
        assert.strictEqual(templateHash(reordered), templateHash(template));
        assert.strictEqual(canonicalJson({ b: 1, a: [undefined, { d: undefined, c: "x" }] }), '{"a":[null,{"c":"x"}],"b":1}');
    });

    it("refuse names Cloud Run would reject", () => {
        assert.throws(() => revisionName(`bilko-${"x".repeat(40)}`, A, "0123abcd"), /longer than 63 characters/);
    });
});
