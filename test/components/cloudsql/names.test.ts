import * as assert from "assert";
import { databasePasswordSecretId, sqlConnectionName } from "../../../components/cloudsql";

describe("Cloud SQL names", () => {
    it("names the password secret from instance and user, with Secret Manager's characters", () => {
        assert.strictEqual(databasePasswordSecretId("bilko-db", "bilko_app"), "bilko-db-bilko-app-password");
    });

    it("knows the Cloud SQL connection name before the instance exists", () => {
        assert.strictEqual(sqlConnectionName("p-1", "europe-north1", "db"), "p-1:europe-north1:db");
    });
});
