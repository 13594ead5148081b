import * as assert from "assert";
import { databaseEnvProblem, serviceEnv } from "../../../components/workload";

describe("service environment", () => {
    const database = {
        instanceName: "db",
        connectionName: "p:r:db",
        databaseName: "bilko",
        user: "bilko_app",
        passwordSecret: { id: "db-pw", version: "3" },
        urlSecret: { id: "db-url", version: "latest" },
    };

    it("joins CORS origins, binds the database and references every secret", () => {
        const env = serviceEnv({ env: { LOG_LEVEL: "info" }, secrets: { JWT_SECRET: "jwt" }, corsOrigins: ["https://a.no", "https://b.no"], database });
        assert.deepStrictEqual(env.plain, [
            { name: "CORS_ORIGINS", value: "https://a.no,https://b.no" },
            { name: "DB_HOST", value: "/cloudsql/p:r:db" },
            { name: "DB_NAME", value: "bilko" },
            { name: "DB_USER", value: "bilko_app" },
            { name: "INSTANCE_CONNECTION_NAME", value: "p:r:db" },
            { name: "LOG_LEVEL", value: "info" },
        ]);
        assert.deepStrictEqual(env.secret, [
            { name: "DB_PASSWORD", secret: "db-pw", version: "3" },
            { name: "JWT_SECRET", secret: "jwt", version: "latest" },
        ]);
    });

    it("points DB_HOST at the private IP of an instance without a public one (no socket there)", () => {
        const env = serviceEnv({ env: {}, secrets: {}, corsOrigins: [], database: { ...database, privateAddress: "10.20.0.3" }, databaseEnv: ["DB_HOST"] });
        assert.deepStrictEqual(env.plain, [{ name: "DB_HOST", value: "10.20.0.3" }]);
    });

    it("sets only the database variables the app reads: DATABASE_URL by reference, no DB_*", () => {
        const env = serviceEnv({ env: { EMAIL_FROM: "a@b.no" }, secrets: {}, corsOrigins: [], database, databaseEnv: ["DATABASE_URL"] });
        assert.deepStrictEqual(env, { plain: [{ name: "EMAIL_FROM", value: "a@b.no" }], secret: [{ name: "DATABASE_URL", secret: "db-url", version: "latest" }] });
    });

    it("names a database variable whose secret the binding does not have", () => {
        const kept = { ...database, passwordSecret: undefined, urlSecret: undefined };
        assert.match(databaseEnvProblem(kept, ["DB_PASSWORD"]) ?? "", /^DB_PASSWORD needs the generated password secret/);
        assert.match(databaseEnvProblem(kept, ["DATABASE_URL"]) ?? "", /^DATABASE_URL needs a connection URL secret/);
        assert.strictEqual(databaseEnvProblem(kept, ["DB_HOST", "DB_NAME"]), undefined);
    });

    it("adds nothing for a plain service", () => {
        assert.deepStrictEqual(serviceEnv({ env: {}, secrets: {}, corsOrigins: [] }), { plain: [], secret: [] });
    });
});
