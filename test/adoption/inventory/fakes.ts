/** The outside world of the inventory, faked: gcloud on PATH (test/fixtures/adoption/bin/gcloud) and Cloudflare on loopback. */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../../support/stacks";

const FAKE_BIN = path.join(PROJECT_DIR, "test", "fixtures", "adoption", "bin");

/** A directory of answers for the fake gcloud, and the calls it logged. */
export class FakeGcloud {
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-gcloud-"));

    /** `gcloud <args...> --format=json` prints `items`. */
    answer(args: string, items: unknown): this {
        fs.writeFileSync(path.join(this.dir, `${this.key(args)}.json`), typeof items === "string" ? items : JSON.stringify(items));
        return this;
    }

    /** `gcloud <args...>` fails with `code` and `message` on stderr. */
    fail(args: string, code: number, message: string): this {
        fs.writeFileSync(path.join(this.dir, `${this.key(args)}.fail`), `${code} ${message}\n`);
        return this;
    }

    calls(): string[] {
        const log = path.join(this.dir, "calls.log");
        return fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
    }

    /** Environment that puts the fake first on PATH. */
    env(): Record<string, string> {
        return { PATH: `${FAKE_BIN}${path.delimiter}${process.env.PATH ?? ""}`, FAKE_GCLOUD_DIR: this.dir };
    }

    remove(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    private key(args: string): string {
        return args.split(" ").map((word) => word.replace(/^--/, "")).join("_");
    }
}

export interface ZoneFake {
    zoneId: string;
    token: string;
    zone: string;
    /** Pages of DNS records, in order. */
    pages: Array<Array<Record<string, unknown>>>;
    /** What the records endpoint does instead of answering. */
    fault?: "forbidden" | "not-json";
}

/** Cloudflare's API for one zone on 127.0.0.1: `GET /zones/<id>` and its paginated `dns_records`. */
export async function fakeCloudflare(fake: ZoneFake): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
    const requests: string[] = [];
    const server = http.createServer((request, response) => {
        requests.push(`${request.method} ${request.url}`);
        const send = (status: number, body: unknown) => {
            response.writeHead(status, { "content-type": "application/json" });
            response.end(typeof body === "string" ? body : JSON.stringify(body));
        };
        const url = new URL(request.url ?? "/", "http://localhost");
        if (request.method !== "GET" || request.headers.authorization !== `Bearer ${fake.token}`) {
            send(403, { success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null });
        } else if (url.pathname === `/zones/${fake.zoneId}`) {
            send(200, { success: true, errors: [], messages: [], result: { id: fake.zoneId, name: fake.zone } });
        } else if (url.pathname === `/zones/${fake.zoneId}/dns_records` && fake.fault === "forbidden") {
            send(403, { success: false, errors: [{ code: 9109, message: "Unauthorized to access requested resource" }], messages: [], result: null });
        } else if (url.pathname === `/zones/${fake.zoneId}/dns_records` && fake.fault === "not-json") {
            send(502, "<html>Bad gateway</html>");
        } else if (url.pathname === `/zones/${fake.zoneId}/dns_records`) {
            const page = Number(url.searchParams.get("page") ?? "1");
            const result = fake.pages[page - 1] ?? [];
            const total = fake.pages.flat().length;
            send(200, { success: true, errors: [], messages: [], result, result_info: { page, per_page: Number(url.searchParams.get("per_page")), count: result.length, total_count: total, total_pages: fake.pages.length } });
        } else {
            send(404, { success: false, errors: [{ code: 7003, message: "Could not route" }], messages: [], result: null });
        }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What gcloud answers for the seeds' Bilko (a subset; every other list is empty). */
export function bilkoAnswers(gcloud: FakeGcloud): FakeGcloud {
    const service = (name: string, image: string, env: unknown[], labels: Record<string, string> = {}) => ({
        apiVersion: "serving.knative.dev/v1",
        kind: "Service",
        metadata: { name, labels: { "cloud.googleapis.com/location": "europe-north1", ...labels } },
        spec: { template: { metadata: { annotations: { "autoscaling.knative.dev/maxScale": "3" } }, spec: { serviceAccountName: "123-compute@developer.gserviceaccount.com", containers: [{ image, env }] } } },
    });
    return gcloud
        .answer("run services list --region=europe-north1", [
            service("bilko-api-demo", "europe-north1-docker.pkg.dev/p/bilko/api:stage-3a4a9e9", [
                { name: "CORS_ORIGINS", value: "https://bilko-demo.alai.no,http://localhost:3000" },
                { name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "bilko-demo-database-url", key: "latest" } } },
            ]),
            // bilko's own, after the cutover: labelled by the program.
            service("bilko-web-stage", "europe-north1-docker.pkg.dev/p/bilko/web@sha256:" + "e".repeat(64), [], { app: "bilko", environment: "stage", service: "web" }),
        ])
        .answer("beta run domain-mappings list --region=europe-north1", [{ metadata: { name: "bilko-demo.alai.no" }, spec: { routeName: "bilko-web-demo" } }])
        .answer("sql instances list", [
            { name: "bilko-db", region: "europe-north1", databaseVersion: "POSTGRES_16", settings: { userLabels: { app: "bilko", environment: "prod" } } },
            { name: "bilko-demo-db", region: "europe-north1", databaseVersion: "POSTGRES_16", settings: { tier: "db-custom-1-3840", edition: "ENTERPRISE", availabilityType: "ZONAL", ipConfiguration: { ipv4Enabled: true, sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED", authorizedNetworks: [{ value: "198.51.100.7/32", name: "office" }] }, databaseFlags: [{ name: "max_connections", value: "100" }] } },
        ])
        .answer("sql databases list --instance=bilko-db", [{ name: "bilko", instance: "bilko-db" }])
        .answer("sql databases list --instance=bilko-demo-db", [{ name: "bilko", instance: "bilko-demo-db", charset: "UTF8", collation: "en_US.UTF8" }])
        .answer("sql users list --instance=bilko-demo-db", [{ name: "bilko_app", instance: "bilko-demo-db" }, { name: "bilko_admin", instance: "bilko-demo-db", type: "BUILT_IN" }])
        .answer("builds triggers list", [{ id: "0f1e2d3c-0000-4000-8000-000000000001", name: "bilko-stage-auto-deploy", filename: "infrastructure/gcp/cloudbuild-stage.yaml", github: { owner: "alai-no", name: "bilko", push: { branch: "^main$" } } }])
        .answer("builds triggers list --region=europe-north1", [{ id: "0f1e2d3c-0000-4000-8000-000000000002", name: "bilko-build", tags: ["bilko", "build", "environment-stage"], github: { owner: "alai-no", name: "bilko", push: { branch: "^main$" } } }])
        .answer("artifacts repositories list", [{ name: `projects/tribal-sign-487920-k0/locations/europe-north1/repositories/bilko`, format: "DOCKER", cleanupPolicies: {} }])
        .answer("secrets list", [{ name: "projects/123456789/secrets/bilko-demo-database-url", replication: { automatic: {} } }]);
}

/** The zone's records for the seeds' Bilko, on two pages. */
export const BILKO_RECORDS = [
    [{ id: "5e7d0000000000000000000000000a01", name: "bilko-demo.alai.no", type: "CNAME", content: "ghs.googlehosted.com", proxied: false, ttl: 1, comment: null }],
    [
        { id: "5e7d0000000000000000000000000a02", name: "bilko-demo-api.alai.no", type: "CNAME", content: "ghs.googlehosted.com", proxied: false, ttl: 1 },
        { id: "5e7d0000000000000000000000000a03", name: "bilko-stage.alai.no", type: "CNAME", content: "ghs.googlehosted.com", proxied: false, ttl: 300, comment: "Cloud Run domain mapping; managed by bilko" },
    ],
];
