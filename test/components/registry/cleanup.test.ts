import * as assert from "assert";
import { cleanupPolicies, wouldDelete, type CleanupPolicy } from "../../../components/registry/cleanup";

const YEAR = 365 * 24 * 3600;

describe("registry cleanup policies", () => {
    const policies = cleanupPolicies();

    it("never delete a sha- tagged version, however old or far down the list", () => {
        for (const ageSeconds of [0, 15 * 24 * 3600, 5 * YEAR]) {
            for (const recencyRank of [0, 9, 10, 5000]) {
                assert.ok(!wouldDelete(policies, { tags: ["sha-0123abc"], ageSeconds, recencyRank }));
            }
        }
    });

    it("delete old untagged versions beyond the most recent ten", () => {
        assert.ok(wouldDelete(policies, { tags: [], ageSeconds: 15 * 24 * 3600, recencyRank: 10 }));
    });

    it("keep young untagged versions and the ten most recent", () => {
        assert.ok(!wouldDelete(policies, { tags: [], ageSeconds: 3600, recencyRank: 50 }));
        assert.ok(!wouldDelete(policies, { tags: [], ageSeconds: YEAR, recencyRank: 3 }));
    });

    it("the check itself notices a policy that would delete commit tags", () => {
        const careless: CleanupPolicy[] = [{ id: "delete-everything-old", action: "DELETE", condition: { tagState: "ANY", olderThan: "86400s" } }];
        assert.ok(wouldDelete(careless, { tags: ["sha-0123abc"], ageSeconds: YEAR, recencyRank: 100 }));
    });
});
