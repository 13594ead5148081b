import * as assert from "assert";
import { CANARY_TAGS, liveService, nextRollout, reportedRollout, trafficTargets, type LiveService } from "../../../components/cloudrun";

/** A live service serving these revisions (revision, percent, tag?). */
function serving(...targets: Array<[string, number, string?]>): LiveService {
    return { traffic: targets.map(([revision, percent, tag]) => ({ revision, percent, ...(tag ? { tag } : {}) })) };
}

describe("canary split, from the live service", () => {
    it("first deployment (no live service): the candidate takes everything, whatever is asked", () => {
        for (const requestedPercent of [0, 10, 100]) {
            const state = nextRollout({ candidate: "web-b", requestedPercent });
            assert.deepStrictEqual(trafficTargets(state), [{ revision: "web-b", percent: 100, tag: CANARY_TAGS.candidate }]);
        }
    });

    const afterFullRelease = serving(["web-a", 100, "candidate"]);
    for (const [percent, stablePercent] of [[0, 100], [10, 90], [100, 0]]) {
        it(`${percent}%: the new revision gets ${percent}, the one serving everything ${stablePercent}, both tagged`, () => {
            const state = nextRollout({ candidate: "web-b", requestedPercent: percent, live: afterFullRelease });
            assert.deepStrictEqual(trafficTargets(state), [
                { revision: "web-b", percent, tag: "candidate" },
                { revision: "web-a", percent: stablePercent, tag: "stable" },
            ]);
        });
    }

    it("an adopted service serving LATEST: the latest ready revision is the fallback", () => {
        const live = liveService([{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 100 }], "bilko-api-demo-00185-fay");
        assert.deepStrictEqual(nextRollout({ candidate: "web-b", requestedPercent: 10, live }), { candidate: "web-b", stable: "bilko-api-demo-00185-fay", candidatePercent: 10 });
    });

    it("a new revision during an unfinished canary replaces the candidate; the fallback stays the revision that served everything", () => {
        const midCanary = serving(["web-b", 10, "candidate"], ["web-a", 90, "stable"]);
        assert.deepStrictEqual(nextRollout({ candidate: "web-c", requestedPercent: 10, live: midCanary }), { candidate: "web-c", stable: "web-a", candidatePercent: 10 });
    });

    it("an unchanged candidate keeps its fallback, so finishing moves only the percentages and re-running changes nothing", () => {
        const midCanary = serving(["web-b", 10, "candidate"], ["web-a", 90, "stable"]);
        const finished = nextRollout({ candidate: "web-b", requestedPercent: 100, live: midCanary });
        assert.deepStrictEqual(finished, { candidate: "web-b", stable: "web-a", candidatePercent: 100 });
        const afterFinish = serving(["web-b", 100, "candidate"], ["web-a", 0, "stable"]);
        assert.deepStrictEqual(nextRollout({ candidate: "web-b", requestedPercent: 100, live: afterFinish }), finished);
    });

    it("rolling back onto the stable revision collapses to one revision at 100%", () => {
        const midCanary = serving(["web-b", 10, "candidate"], ["web-a", 90, "stable"]);
        assert.deepStrictEqual(nextRollout({ candidate: "web-a", requestedPercent: 100, live: midCanary }), { candidate: "web-a", candidatePercent: 100 });
    });

    it("after rollback --now (traffic moved by gcloud, tags kept), deploying that revision again changes nothing", () => {
        const afterNow = serving(["web-b", 0, "candidate"], ["web-a", 100, "stable"]);
        assert.deepStrictEqual(nextRollout({ candidate: "web-a", requestedPercent: 100, live: afterNow }), { candidate: "web-a", candidatePercent: 100 });
    });

    it("never names a revision the live service does not serve or tag: a stale output cannot reach Cloud Run", () => {
        const live = serving(["web-a", 100, "candidate"]);
        const state = nextRollout({ candidate: "web-c", requestedPercent: 10, live });
        assert.deepStrictEqual(trafficTargets(state).map((target) => target.revision), ["web-c", "web-a"]);
    });
});

describe("the rollout output, as Cloud Run reports it", () => {
    it("names the tagged revisions, their share and their test URLs", () => {
        const live = liveService(
            [
                { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: "web-b", percent: 10, tag: "candidate", uri: "https://candidate---web" },
                { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: "web-a", percent: 90, tag: "stable", uri: "https://stable---web" },
            ],
            "web-b",
        );
        assert.deepStrictEqual(reportedRollout(live), { candidate: "web-b", candidatePercent: 10, stable: "web-a", testUrls: { candidate: "https://candidate---web", stable: "https://stable---web" } });
    });

    it("reports nothing deployed for a service bilko has not deployed yet (no tagged revision)", () => {
        assert.deepStrictEqual(reportedRollout(liveService(undefined, undefined)), { testUrls: { candidate: undefined, stable: undefined } });
    });
});
