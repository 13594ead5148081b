import * as assert from "assert";
import { serviceEnv } from "../../../components/workload";

describe("service environment", () => {
    const database = { instanceName: "db", connectionName: "p:r:db", databaseName: "bilko", user: "bilko_app", passwordSecretId: "db-pw", passwordSecretVersion: "3" };

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

    it("adds nothing for a plain service", () => {
        assert.deepStrictEqual(serviceEnv({ env: {}, secrets: {}, corsOrigins: [] }), { plain: [], secret: [] });
    });
});
