import * as assert from "assert";
import { serviceAccountId } from "../../../components/iam";

describe("service account ids", () => {
    it("gives each service and environment its own account id, within 30 characters", () => {
        assert.strictEqual(serviceAccountId("bilko", "prod", "api"), "bilko-api-prod");
        assert.strictEqual(serviceAccountId("bilko", "stage", "a".repeat(18)), `bilko-${"a".repeat(18)}-stage`);
    });

    it("cuts a longer account id and keeps it unique, stable and valid with a hash of the whole", () => {
        const long = serviceAccountId("bilko", "stage", "notifications-migrate");
        assert.match(long, /^bilko-notifications-m-[0-9a-f]{8}$/);
        assert.strictEqual(serviceAccountId("bilko", "stage", "notifications-migrate"), long);
        assert.notStrictEqual(serviceAccountId("bilko", "stage", "notifications-migrator"), long);
        assert.match(serviceAccountId("bilko", "stage", "a-b-c-d-e-f-g-h-i-j-k-l"), /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
    });
});
