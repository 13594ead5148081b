/**
 * `npm run inventory` against a fake gcloud on PATH and a fake Cloudflare API on loopback: what it writes, what it
 * keeps, and how it fails (a non-zero gcloud, malformed JSON, HTTP 403) without writing anything.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { readEstate } from "../../../adoption/estate/read";
import { main } from "../../../adoption/inventory/cli";
import { COMMITTED_STACKS, PROJECT_DIR } from "../../support/stacks";
import { COMMITTED_ESTATE } from "../support";
import { BILKO_RECORDS, bilkoAnswers, fakeCloudflare, FakeGcloud, type ZoneFake } from "./fakes";

const PROJECT = "tribal-sign-487920-k0";
const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
const TOKEN = "test-token-not-a-secret";
const NOW = new Date("2026-06-01T08:30:00.123Z");

describe("npm run inventory", function () {
    this.timeout(20000);
    let project: string;
    let gcloud: FakeGcloud;
    const saved = { ...process.env };

    /** A copy of the project's stack files and estate, so the inventory writes there. */
    beforeEach(() => {
        project = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-inventory-"));
        for (const file of ["Pulumi.yaml", ...COMMITTED_STACKS.map((stack) => `Pulumi.${stack}.yaml`)]) {
            fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(project, file));
        }
        fs.mkdirSync(path.join(project, "estate"));
        fs.copyFileSync(COMMITTED_ESTATE, path.join(project, "estate", `${PROJECT}.yaml`));
        gcloud = bilkoAnswers(new FakeGcloud());
        Object.assign(process.env, gcloud.env(), { CLOUDFLARE_API_TOKEN: TOKEN });
    });

    afterEach(() => {
        process.env = { ...saved };
        gcloud.remove();
        fs.rmSync(project, { recursive: true, force: true });
    });

    async function inventory(zone: Partial<ZoneFake> = {}, ...argv: string[]) {
        const cloudflare = await fakeCloudflare({ zoneId: ZONE_ID, token: TOKEN, zone: "alai.no", pages: BILKO_RECORDS, ...zone });
        process.env.CLOUDFLARE_API_BASE_URL = cloudflare.url;
        let stdout = "";
        let stderr = "";
        try {
            const status = await main(argv, { out: (text) => (stdout += `${text}\n`), err: (text) => (stderr += `${text}\n`) }, { directory: project, now: () => NOW });
            return { status, stdout, stderr, requests: cloudflare.requests };
        } finally {
            await cloudflare.close();
        }
    }

    const estateFile = () => path.join(project, "estate", `${PROJECT}.yaml`);

    it("writes what gcloud and every page of the zone report, keeping the file's comments", async () => {
        const before = fs.readFileSync(estateFile(), "utf8");
        const run = await inventory();
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(run.stdout.split("\n")[0], `inventory: wrote estate/${PROJECT}.yaml: 16 resources (13 from gcloud, 3 DNS records)`);
        const estate = readEstate(estateFile());
        assert.deepStrictEqual([estate.source, estate.capturedAt, estate.cloudflare], ["gcloud", "2026-06-01T08:30:00Z", { zone: "alai.no", zoneId: ZONE_ID }]);
        const byName = (kind: string, name: string) => estate.resources.find((resource) => resource.kind === kind && resource.name === name);
        assert.deepStrictEqual(byName("cloudrun.service", "bilko-api-demo")?.live, {
            image: "europe-north1-docker.pkg.dev/p/bilko/api:stage-3a4a9e9",
            env: { CORS_ORIGINS: "https://bilko-demo.alai.no,http://localhost:3000" },
            secretEnv: { DATABASE_URL: "bilko-demo-database-url:latest" },
            minInstances: 0,
            maxInstances: 3,
            serviceAccount: "123-compute@developer.gserviceaccount.com",
        });
        assert.deepStrictEqual(byName("sql.instance", "bilko-demo-db")?.live, {
            version: "POSTGRES_16",
            tier: "db-custom-1-3840",
            edition: "ENTERPRISE",
            availability: "ZONAL",
            sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED",
            ipv4Enabled: true,
            flags: { max_connections: "100" },
            authorizedNetworks: ["198.51.100.7/32"],
        });
        assert.deepStrictEqual(byName("cloudflare.dnsRecord", "bilko-demo-api.alai.no"), {
            kind: "cloudflare.dnsRecord",
            name: "bilko-demo-api.alai.no",
            location: "alai.no",
            id: "5e7d0000000000000000000000000a02",
            live: { type: "CNAME", content: "ghs.googlehosted.com", proxied: false, ttl: 1 },
        });
        assert.deepStrictEqual(byName("cloudbuild.trigger", "bilko-stage-auto-deploy")?.id, "0f1e2d3c-0000-4000-8000-000000000001");
        assert.deepStrictEqual(byName("secretmanager.secret", "bilko-demo-database-url")?.live, { replication: "automatic" });
        assert.strictEqual(byName("cloudrun.service", "bilko-web-demo"), undefined, "what gcloud no longer lists is gone");
        assert.deepStrictEqual(
            estate.resources.filter((resource) => resource.managedBy).map((resource) => `${resource.kind} ${resource.name}: ${resource.managedBy}`),
            ["cloudrun.service bilko-web-stage: stage", "sql.instance bilko-db: prod", "sql.database bilko-db/bilko: prod", "cloudbuild.trigger bilko-build: bilko", "cloudflare.dnsRecord bilko-stage.alai.no: bilko"],
            "what bilko declared itself is marked, from its labels, tags or comment",
        );

        const after = fs.readFileSync(estateFile(), "utf8");
        const header = before.slice(0, before.indexOf("\nproject:"));
        assert.ok(after.startsWith(header), "the header comment is kept");
        assert.match(after, /route: bilko-web-demo # 001: https:\/\/bilko-demo\.alai\.no -> Cloud Run bilko-web-demo/);
        assert.match(after, /name: bilko-demo-db\/bilko_admin # 001: gcloud sql connect bilko-demo-db --user=bilko_admin/);
        assert.doesNotMatch(after.slice(header.length), /synthetic/, "what the cloud now states is no longer marked synthetic");
        assert.deepStrictEqual(fs.readdirSync(path.join(project, "estate")), [`${PROJECT}.yaml`], "no temporary file is left behind");
        // It only lists: every gcloud call is a list command of the project, with JSON output.
        const calls = gcloud.calls();
        assert.ok(calls.length >= 12, calls.join("\n"));
        for (const call of calls) {
            assert.match(call, /^(beta )?([a-z-]+ ){1,2}list( --[a-z-]+=\S+)* --format=json$/, call);
            assert.ok(call.includes(" --project=tribal-sign-487920-k0 "), call);
        }
        assert.ok(calls.includes("beta run domain-mappings list --region=europe-north1 --project=tribal-sign-487920-k0 --format=json"), "domain mappings are listed in the stacks' region");
        assert.deepStrictEqual(run.requests, [`GET /zones/${ZONE_ID}`, `GET /zones/${ZONE_ID}/dns_records?per_page=100&page=1`, `GET /zones/${ZONE_ID}/dns_records?per_page=100&page=2`]);
    });

    it("fails with exit 1 and writes nothing when gcloud exits non-zero", async () => {
        gcloud.fail("sql instances list", 1, "PERMISSION_DENIED: The caller does not have permission");
        const before = fs.readFileSync(estateFile(), "utf8");
        const run = await inventory();
        assert.strictEqual(run.status, 1);
        assert.strictEqual(run.stderr, "inventory: gcloud sql instances list --project=tribal-sign-487920-k0: exit 1: ERROR: (gcloud) PERMISSION_DENIED: The caller does not have permission; nothing written\n");
        assert.strictEqual(fs.readFileSync(estateFile(), "utf8"), before);
    });

    it("fails with exit 1 on output that is not a JSON list", async () => {
        gcloud.answer("run services list --region=europe-north1", "Listing items under project tribal-sign-487920-k0\n{");
        const run = await inventory();
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /^inventory: gcloud run services list --region=europe-north1 --project=tribal-sign-487920-k0: .*JSON.*; nothing written\n$/);
        gcloud.answer("run services list --region=europe-north1", { not: "a list" });
        assert.match((await inventory()).stderr, /: expected a JSON list of objects; nothing written\n$/);
    });

    it("fails with exit 1 when Cloudflare answers 403, or not JSON", async () => {
        const before = fs.readFileSync(estateFile(), "utf8");
        const forbidden = await inventory({ fault: "forbidden" });
        assert.strictEqual(forbidden.status, 1);
        assert.match(forbidden.stderr, /^inventory: GET http:\/\/127\.0\.0\.1:\d+\/zones\/023e105f4ecef8ad9ca31a8372d0c353\/dns_records\?per_page=100&page=1: HTTP 403 \(9109 Unauthorized to access requested resource\); nothing written\n$/);
        const garbled = await inventory({ fault: "not-json" });
        assert.strictEqual(garbled.status, 1);
        assert.match(garbled.stderr, /: HTTP 502, not JSON: <html>Bad gateway<\/html>; nothing written\n$/);
        assert.strictEqual(fs.readFileSync(estateFile(), "utf8"), before);
    });

    it("refuses without a Cloudflare token, or without gcloud on PATH", async () => {
        delete process.env.CLOUDFLARE_API_TOKEN;
        const tokenless = await inventory();
        assert.strictEqual(tokenless.status, 2);
        assert.match(tokenless.stderr, /^inventory: CLOUDFLARE_API_TOKEN is not set: /);
        process.env.CLOUDFLARE_API_TOKEN = TOKEN;
        process.env.PATH = path.join(project, "no-such-bin");
        const run = await inventory();
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /: gcloud is not on PATH; nothing written\n$/);
    });

    it("starts a new estate file when there is none, and takes --project and --zone-id", async () => {
        fs.rmSync(estateFile());
        const run = await inventory({}, "--project", PROJECT, "--zone-id", ZONE_ID);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(parse(fs.readFileSync(estateFile(), "utf8")).capturedAt, "2026-06-01T08:30:00Z");
        assert.match(fs.readFileSync(estateFile(), "utf8"), /^capturedAt: "2026-06-01T08:30:00Z"$/m);
    });

    it("refuses bad usage with exit 2, and explains itself with --help", async () => {
        const bad = await inventory({}, "--zone-id", "alai.no");
        assert.strictEqual(bad.status, 2);
        assert.strictEqual(bad.stderr, 'inventory: --zone-id: expected a Cloudflare zone id (32 hex digits), got "alai.no"\n');
        assert.strictEqual((await inventory({}, "--frobnicate")).status, 2);
        const help = await inventory({}, "--help");
        assert.strictEqual(help.status, 0);
        assert.match(help.stdout, /^usage: npm run inventory -- \[--project <id>\] \[--zone-id <id>\]/);
    });
});
