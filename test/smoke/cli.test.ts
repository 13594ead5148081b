/**
 * `npm run smoke -- demo --base-url <loopback>` against a small HTTP server (port 0) that answers like Bilko's API
 * and web: it passes when the server behaves, and fails, naming the check, when one behaviour breaks. The CLI runs
 * in this process; the login secret comes from a directory, as in the pipeline.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { main } from "../../smoke";
import { DISALLOWED_ORIGIN, problemsWith, smokePlan, tokenFrom } from "../../smoke/checks";
import type { Request } from "../../smoke/http";
import { runSmoke } from "../../smoke/run";
import { parseStackConfig } from "../../config";
import { committedValues, COMMITTED_STACKS, edited } from "../support/stacks";

const CREDENTIALS = JSON.stringify({ email: "demo@bilko.rs", password: "synthetic-test-password" });
/** The origins the fake API allows: demo's CORS_ORIGINS as Pulumi.demo.yaml declares them (its hostname, localhost). */
const ALLOWED = ["https://bilko-demo.alai.no", "http://localhost:3000"];

/** What the fake API gets wrong, one behaviour at a time. */
interface Faults {
    healthStatus?: number;
    healthBody?: string;
    /** Echo every origin in Access-Control-Allow-Origin (an allow-all CORS config). */
    echoAnyOrigin?: boolean;
    /** Reject the login. */
    loginStatus?: number;
    orgName?: string;
}

function fakeBilko(faults: Faults): http.Server {
    return http.createServer((request, response) => {
        let body = "";
        request.on("data", (chunk: Buffer) => (body += chunk.toString()));
        request.on("end", () => {
            const origin = request.headers.origin;
            if (request.method === "OPTIONS") {
                const allowed = typeof origin === "string" && (faults.echoAnyOrigin || ALLOWED.includes(origin));
                response.writeHead(allowed ? 204 : 403, allowed ? { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "GET, POST" } : {});
                response.end();
                return;
            }
            if (request.url === "/api/v1/health") {
                response.writeHead(faults.healthStatus ?? 200, { "Content-Type": "application/json" });
                response.end(faults.healthBody ?? '{"status":"ok"}');
            } else if (request.url === "/auth/login" && request.method === "POST") {
                const ok = body === CREDENTIALS && !faults.loginStatus;
                response.writeHead(ok ? 200 : (faults.loginStatus ?? 401), { "Content-Type": "application/json" });
                response.end(ok ? '{"accessToken":"token-123"}' : '{"error":"bad credentials"}');
            } else if (request.url === "/auth/me") {
                const signedIn = request.headers.authorization === "Bearer token-123";
                response.writeHead(signedIn ? 200 : 401, { "Content-Type": "application/json" });
                response.end(signedIn ? JSON.stringify({ email: "demo@bilko.rs", organization: faults.orgName ?? "Bilko Demo Firma" }) : "{}");
            } else if (request.url === "/") {
                response.writeHead(200, { "Content-Type": "text/html" });
                response.end("<html>Bilko</html>");
            } else {
                response.writeHead(404);
                response.end();
            }
        });
    });
}

async function smokeAgainst(faults: Faults, extra: string[] = []): Promise<{ code: number; out: string; err: string }> {
    const server = fakeBilko(faults);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const secrets = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-smoke-"));
    fs.writeFileSync(path.join(secrets, "bilko-demo-smoke-login"), CREDENTIALS);
    let out = "";
    let err = "";
    try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const code = await main(["demo", "--base-url", url, "--secrets-dir", secrets, "--delay", "0", ...extra], { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
        return { code, out, err };
    } finally {
        server.close();
        fs.rmSync(secrets, { recursive: true, force: true });
    }
}

describe("npm run smoke against a loopback server", () => {
    it("passes when every check holds: health, configured checks with the login's token, and the CORS preflights", async () => {
        const { code, out } = await smokeAgainst({});
        assert.strictEqual(code, 0, out);
        for (const expected of [
            /^PASS api POST http:\/\/127\.0\.0\.1:\d+\/auth\/login \(login demo\) 200$/m,
            /^PASS web GET http:\/\/127\.0\.0\.1:\d+\/ \(health\) 200$/m,
            /^PASS api GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/health \(health body\) 200$/m,
            /^PASS api GET .*\/auth\/me \(signed-in user's organisation\) 200$/m,
            /^PASS api OPTIONS .*\/auth\/login \(CORS preflight from https:\/\/bilko-demo\.alai\.no\) 204$/m,
            /^PASS api OPTIONS .*\/auth\/login \(CORS preflight from http:\/\/localhost:3000\) 204$/m,
            /^PASS api OPTIONS .*\/auth\/login \(CORS preflight from https:\/\/cors-smoke-test\.invalid \(not allowed\)\) 403$/m,
            /^smoke demo: 8 passed, 0 failed$/m,
        ]) {
            assert.match(out, expected);
        }
    });

    const failures: Array<[string, Faults, RegExp]> = [
        ["the health URL answers 503", { healthStatus: 503 }, /^FAIL api GET .*\/api\/v1\/health \(health\): expected status 200, got 503$/m],
        ["the health body is wrong", { healthBody: '{"status":"degraded"}' }, /^FAIL api GET .*\/api\/v1\/health \(health body\): body lacks "\\"status\\":\\"ok\\""$/m],
        ["the login is refused", { loginStatus: 401 }, /^FAIL api GET .*\/auth\/me \(signed-in user's organisation\): login demo failed, so this check could not sign in$/m],
        ["the signed-in user's organisation is wrong", { orgName: "Someone Else" }, /^FAIL api GET .*\/auth\/me .*: body lacks "Bilko Demo Firma"$/m],
        ["CORS echoes any origin", { echoAnyOrigin: true }, /^FAIL api OPTIONS .*\(CORS preflight from https:\/\/cors-smoke-test\.invalid \(not allowed\)\): an origin that is not allowed got access-control-allow-origin: "https:\/\/cors-smoke-test\.invalid"$/m],
    ];
    for (const [what, faults, line] of failures) {
        it(`fails (exit 1) when ${what}, naming the check`, async () => {
            const { code, out } = await smokeAgainst(faults);
            assert.strictEqual(code, 1, out);
            assert.match(out, line);
            assert.match(out, /^smoke demo: \d+ passed, [1-9]\d* failed$/m);
        });
    }

    it("retries a failing check as often as asked before failing it", async () => {
        const { code, out } = await smokeAgainst({ healthStatus: 503 }, ["--attempts", "3", "--service", "api"]);
        assert.strictEqual(code, 1);
        assert.match(out, /\(health\): expected status 200, got 503 \(after 3 attempts\)$/m);
        assert.doesNotMatch(out, / web /, "--service api checks only api");
    });

    it("--json prints one document with every result", async () => {
        const { code, out } = await smokeAgainst({}, ["--json"]);
        assert.strictEqual(code, 0);
        const report = JSON.parse(out);
        assert.deepStrictEqual([report.stack, report.passed, report.results.length], ["demo", true, 8]);
    });

    it("exits 2 with one line for bad usage or an unreadable secret", async () => {
        const errors: string[] = [];
        const io = { out: () => undefined, err: (text: string) => errors.push(text) };
        assert.strictEqual(await main(["nowhere"], io), 2);
        assert.strictEqual(await main(["demo", "--base-url", "ftp://x"], io), 2);
        assert.strictEqual(await main(["demo", "--secrets-dir", os.tmpdir() + "/bilko-no-such-dir"], io), 2);
        assert.deepStrictEqual(errors.map((line) => line.replace(/\/tmp\/\S+/, "<dir>")), [
            'smoke: unknown stack "nowhere" (stacks: stage, demo, prod)',
            'smoke: --base-url: expected an http(s) URL, got "ftp://x"',
            'smoke: cannot read smoke login secret "bilko-demo-smoke-login": no file <dir>',
        ]);
    });
});

describe("smoke checks derived from config", () => {
    const demo = () => parseStackConfig(committedValues("demo"), { stack: "demo", knownStacks: COMMITTED_STACKS });

    it("sends a preflight from every origin in CORS_ORIGINS (extra origins too) and from one that must not be allowed", () => {
        const stage = parseStackConfig(committedValues("stage"), { stack: "stage", knownStacks: COMMITTED_STACKS });
        const preflights = smokePlan(stage).checks.filter((check) => check.method === "OPTIONS");
        assert.deepStrictEqual(
            preflights.map((check) => [check.service, check.headers.Origin, check.path, check.expect.allowOrigin?.allowed]),
            [
                ["api", "https://bilko-stage.alai.no", "/auth/login", true],
                ["api", "http://localhost:3000", "/auth/login", true],
                ["api", "https://bilko-web-stage-dh4m46blja-lz.a.run.app", "/auth/login", true],
                ["api", DISALLOWED_ORIGIN, "/auth/login", false],
            ],
        );
    });

    it("checks a canary candidate's own URL too while it has less than all traffic", () => {
        const outputs = { rollout: { web: { candidatePercent: 10, testUrls: { candidate: "https://candidate---bilko-web-demo-x.a.run.app" } } } };
        const bases = [...new Set(smokePlan(demo(), { outputs, services: ["web"] }).checks.map((check) => check.base))];
        assert.deepStrictEqual(bases, ["https://bilko-demo.alai.no", "https://candidate---bilko-web-demo-x.a.run.app"]);
        const finished = { rollout: { web: { candidatePercent: 100, testUrls: { candidate: "https://candidate---x" } } } };
        assert.deepStrictEqual([...new Set(smokePlan(demo(), { outputs: finished, services: ["web"] }).checks.map((check) => check.base))], ["https://bilko-demo.alai.no"]);
    });

    it("behind the load balancer checks the canary candidate at the public hostname, routed there by header", async () => {
        const prod = parseStackConfig(committedValues("prod"), { stack: "prod", knownStacks: COMMITTED_STACKS });
        const outputs = { rollout: { api: { candidatePercent: 10, testUrls: { candidate: "https://candidate---bilko-api-x.a.run.app" } } } };
        const plan = smokePlan(prod, { outputs, services: ["api"] });
        // run.app and its tag URLs refuse the internet there (ingress internal and load balancer).
        assert.deepStrictEqual([...new Set(plan.checks.map((check) => `${check.base} ${JSON.stringify(check.via ?? {})}`))], ["https://bilko-api.alai.no {}", 'https://bilko-api.alai.no {"x-bilko-revision":"candidate"}']);
        const sent: Request[] = [];
        const results = await runSmoke(plan, {
            attempts: 1,
            delayMs: 0,
            timeoutMs: 1000,
            secret: () => "{}",
            send: (request) => {
                sent.push(request);
                return Promise.resolve({ status: 200, headers: { "access-control-allow-origin": request.headers.Origin ?? "" }, body: Buffer.from('{"status":"ok"}') });
            },
        });
        const routed = sent.filter((request) => request.headers["x-bilko-revision"] === "candidate");
        assert.strictEqual(routed.length, plan.checks.length / 2);
        assert.deepStrictEqual(results.filter((result) => result.via).map((result) => result.name), plan.checks.filter((check) => check.via).map((check) => check.name));
    });

    it("judges status, body, headers (names in any case) and the echoed origin", () => {
        const response = { status: 200, headers: { "content-type": "application/pdf", "access-control-allow-origin": "*" }, body: Buffer.from("%PDF-1.7 Bilko Demo Firma") };
        assert.deepStrictEqual(problemsWith({ status: 200, bodyContains: "%PDF", headers: { "content-type": "application/pdf" } }, response), []);
        assert.deepStrictEqual(problemsWith({ status: 403 }, response), ["expected status 403, got 200"]);
        assert.deepStrictEqual(problemsWith({ allowOrigin: { origin: "https://a", allowed: false } }, response), ['an origin that is not allowed got access-control-allow-origin: "*"']);
        assert.deepStrictEqual(problemsWith({ allowOrigin: { origin: "https://a", allowed: true } }, response), ['expected access-control-allow-origin: "https://a", got "*"']);
        assert.strictEqual(tokenFrom(Buffer.from('{"data":{"token":"x"}}'), "data.token"), "x");
        assert.strictEqual(tokenFrom(Buffer.from("not json"), "accessToken"), undefined);
    });

    it("refuses a check that signs in with a login the service does not have, naming the key", () => {
        assert.throws(
            () => parseStackConfig(edited("demo", (v) => (v["bilko:smoke"].api.checks[1].as = "admin")), { stack: "demo", knownStacks: COMMITTED_STACKS }),
            /^StackConfigError: Pulumi\.demo\.yaml: bilko:smoke\.api\.checks\[1\]\.as: unknown login "admin" \(logins: demo\)$/,
        );
        assert.throws(
            () => parseStackConfig(edited("demo", (v) => (v["bilko:smokePassed"] = { api: `sha256:${"0".repeat(64)}` })), { stack: "demo", knownStacks: COMMITTED_STACKS }),
            /bilko:smokePassed\.api: sha256:0{64} is not the digest bilko:services\.api\.digest deploys; only the pipeline writes this key/,
        );
    });
});
