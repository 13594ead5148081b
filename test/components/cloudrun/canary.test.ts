import * as assert from "assert";
import { CANARY_TAGS, nextRollout, parseRolloutState, trafficTargets } from "../../../components/cloudrun";

describe("canary split", () => {
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
