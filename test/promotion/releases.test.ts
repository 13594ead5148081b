/** Which digests a stack ran, and what its audit trail asks of the canary. */
import * as assert from "assert";
import type { Release } from "../../config";
import { parseReleasedDigests, RELEASED_DIGESTS_KEPT, releasedDigests, releasedMigrators, releasesToDrop, requestedCandidatePercent } from "../../promotion";
import { digestOf } from "../support/digests";

const [A, B, C, D] = ["a", "b", "c", "d"].map(digestOf);

function release(service: string, digest: string, kind: Release["kind"] = "promote", extra: Partial<Release> = {}): Release {
    return { service, digest, from: "stage", at: "2026-11-21T10:00:00Z", by: "a@b.c", kind, ...extra };
}

describe("released digests of a stack", () => {
    it("on the first deployment: the current digest once its smoke test passed, then the audit trail newest first, each once", () => {
        const releases = [release("web", A), release("web", B), release("api", C), release("web", A)];
        assert.deepStrictEqual(releasedDigests({ current: { web: D, api: C }, smokePassed: { web: D, api: C }, releases }), { api: [C], web: [D, A, B] });
    });

    it("afterwards: the current digest once its smoke test passed, then what the previous deployment reported; the audit trail proves nothing more", () => {
        const result = releasedDigests({ current: { web: C }, smokePassed: { web: C }, previous: { web: [B, A], worker: [D] }, releases: [release("web", D)] });
        assert.deepStrictEqual(result, { web: [C, B, A], worker: [D] }, "a removed service keeps its history; D was only written, never reported");
    });

    it("a digest deployed but not (yet) smoke-tested is not released: the pipeline's release step says it passed", () => {
        assert.deepStrictEqual(releasedDigests({ current: { web: C }, smokePassed: {}, previous: { web: [B, A] }, releases: [] }), { web: [B, A] });
        assert.deepStrictEqual(releasedDigests({ current: { web: C }, smokePassed: { web: D }, previous: { web: [B] }, releases: [] }), { web: [B] }, "it passed for another digest");
    });

    it(`keeps the newest ${RELEASED_DIGESTS_KEPT} per service`, () => {
        const many = Array.from({ length: RELEASED_DIGESTS_KEPT + 5 }, (_, index) => `sha256:${index.toString(16).padStart(64, "0")}`);
        const result = releasedDigests({ current: { web: A }, smokePassed: { web: A }, previous: { web: many }, releases: [] });
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

describe("the migrator that shipped with each released digest", () => {
    it("pairs a released digest with the configured migrator, and keeps pairs only for digests still released", () => {
        const result = releasedMigrators({ released: { api: [C, B] }, current: { api: C }, migrators: { api: D }, previous: { api: { [B]: A, [A]: A } } });
        assert.deepStrictEqual(result, { api: { [C]: D, [B]: A } });
    });

    it("pairs nothing for a digest that was not released (its smoke test did not pass)", () => {
        assert.deepStrictEqual(releasedMigrators({ released: { api: [B] }, current: { api: C }, migrators: { api: D }, previous: { api: { [B]: A } } }), { api: { [B]: A } });
    });
});

describe("the canary share a deployment asks for", () => {
    it("asks for canaryPercent, or 100 once the running digest was finished or rolled back to", () => {
        assert.strictEqual(requestedCandidatePercent("web", A, [release("web", A)], 10), 10);
        assert.strictEqual(requestedCandidatePercent("web", A, [release("web", A), release("web", A, "promote", { finished: true })], 10), 100);
        assert.strictEqual(requestedCandidatePercent("web", A, [release("web", A, "rollback")], 10), 100);
        assert.strictEqual(requestedCandidatePercent("web", B, [release("web", A, "promote", { finished: true })], 10), 10, "finishing A says nothing of B");
    });
});
