import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { pinnedDigest, servedDatabaseEnv } from "../../../components/workload";

describe("workload argument checks", () => {
    const digest = `sha256:${"c".repeat(64)}`;

    it("read the digest of an image pinned by digest", () => {
        assert.strictEqual(pinnedDigest(`europe-north1-docker.pkg.dev/p/bilko/api@${digest}`), digest);
    });

    it("refuse a tagged image with an InputPropertyError naming the image property", () => {
        assert.throws(
            () => pinnedDigest("europe-north1-docker.pkg.dev/p/bilko/api:latest"),
            (error: unknown) => {
                assert.ok(pulumi.InputPropertyError.isInstance(error));
                assert.strictEqual(error.propertyPath, "image");
                assert.match(error.reason, /expected an image pinned by digest .*got "europe-north1-docker\.pkg\.dev\/p\/bilko\/api:latest"/);
                return true;
            },
        );
    });
});

describe("servedDatabaseEnv", () => {
    const kept = { instanceName: "db", connectionName: "p:r:db", databaseName: "bilko", user: "bilko_app" };

    it("refuses a variable whose secret the database does not have, naming databaseEnv", () => {
        assert.throws(
            () => servedDatabaseEnv(kept, ["DB_HOST", "DB_PASSWORD"]),
            (error: unknown) => pulumi.InputPropertyError.isInstance(error) && error.propertyPath === "databaseEnv" && /^DB_PASSWORD needs the generated password secret/.test(error.reason),
        );
    });

    it("serves the variables the binding can, and the default without a database", () => {
        assert.deepStrictEqual(servedDatabaseEnv({ ...kept, urlSecret: { id: "u", version: "latest" } }, ["DATABASE_URL"]), ["DATABASE_URL"]);
        assert.deepStrictEqual(servedDatabaseEnv(undefined), ["DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "INSTANCE_CONNECTION_NAME"]);
    });
});
