/** The migrator's entrypoint, run by `sh` with a fake `flyway` on PATH that prints what it was given. */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { migratorEntrypoint } from "../../../components/migrations";

describe("the migrator's entrypoint", () => {
    let dir: string;
    let entrypoint: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-entrypoint-"));
        entrypoint = path.join(dir, "bilko-entrypoint.sh");
        fs.writeFileSync(entrypoint, migratorEntrypoint(), { mode: 0o755 });
        fs.mkdirSync(path.join(dir, "bin"));
        fs.writeFileSync(path.join(dir, "bin", "flyway"), '#!/bin/sh\nprintf "password=%s\\nargs=%s\\n" "${FLYWAY_PASSWORD:-}" "$*"\n', { mode: 0o755 });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    function run(env: Record<string, string>, args: string[] = ["validate"]) {
        const result = spawnSync("sh", [entrypoint, ...args], { encoding: "utf8", env: { PATH: `${path.join(dir, "bin")}:/usr/bin:/bin`, ...env } });
        return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    it("runs Flyway with the job's arguments and the password it was given", () => {
        assert.deepStrictEqual(run({ FLYWAY_PASSWORD: "given", DATABASE_URL: "postgresql://u:other@localhost/db" }, ["migrate", "-x"]), {
            status: 0,
            stdout: "password=given\nargs=migrate -x\n",
            stderr: "",
        });
    });

    it("takes the password from the connection URL's user:password@ part, percent-decoded", () => {
        const run1 = run({ DATABASE_URL: "postgresql://bilko_app:p%40ss%3Aw0rd%2F%25x@localhost/bilko?host=/cloudsql/p:r:i" });
        assert.strictEqual(run1.stdout, "password=p@ss:w0rd/%x\nargs=validate\n", run1.stderr);
        const run2 = run({ DATABASE_URL: "postgres://u:plain-secret_1@host:5432/db" });
        assert.strictEqual(run2.stdout, "password=plain-secret_1\nargs=validate\n", run2.stderr);
        const run3 = run({ DATABASE_URL: "postgres://u:50%2@host/db" });
        assert.strictEqual(run3.stdout, "password=50%2\nargs=validate\n", "a % without two hex digits stays as it is");
    });

    it("stops with exit 2 and says why when the URL carries no password", () => {
        for (const url of ["postgresql://localhost/bilko", "postgresql://bilko_app@localhost/bilko"]) {
            const result = run({ DATABASE_URL: url });
            assert.strictEqual(result.status, 2, url);
            assert.strictEqual(result.stdout, "");
            assert.strictEqual(result.stderr, "migrator: DATABASE_URL has no user:password@ part, so Flyway has no password\n");
        }
    });
});
