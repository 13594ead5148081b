/**
 * The seeds' Bilko (the committed estate and stacks) plans cleanly; each variant breaks one thing and the plan
 * refuses it with its exit code and one line naming the resource and the key.
 */
import * as assert from "assert";
import { renderJson } from "../../plan/render";
import { runPlan } from "../plan/support";
import { estateResource, Scratch } from "./support";

describe("the estate check in npm run plan", function () {
    this.timeout(30000);
    const scratch = new Scratch();
    after(() => scratch.cleanUp());

    it("passes the seeds' Bilko: every stack exits 0, shows its adoption diff and warns about what no stack manages", async () => {
        const run = await runPlan();
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(run.stderr, "");
        assert.match(run.stdout, /^ {2}adoption against estate\/tribal-sign-487920-k0\.yaml \(runbooks, captured 2026-05-10T00:00:00Z\): 8 resources adopted$/m);
        assert.match(run.stdout, /^ {6}env\.CORS_ORIGINS +"https:\/\/bilko-web-stage-dh4m46blja-lz\.a\.run\.app,http:\/\/localhost:3000" -> "https:\/\/bilko-stage\.alai\.no,http:\/\/localhost:3000,https:\/\/bilko-web-stage-dh4m46blja-lz\.a\.run\.app" +! the running app may read it: acknowledged$/m);
        assert.match(run.stdout, /^ {4}cloudrun\.domainMapping bilko-demo\.alai\.no \(edge-bilko-demo-alai-no-mapping\): no change$/m);
        assert.match(run.stdout, /^ {2}adoption against estate\/tribal-sign-487920-k0\.yaml \(runbooks, captured 2026-05-10T00:00:00Z\): nothing adopted$/m);
        assert.deepStrictEqual(
            run.stdout.split("\n").filter((line) => line.startsWith("unmanaged: ")),
            [
                "unmanaged: sql.user bilko-demo-db/bilko_admin",
                "unmanaged: cloudbuild.trigger bilko-stage-auto-deploy",
                "unmanaged: cloudbuild.trigger bilko-main-deploy",
                "unmanaged: storage.bucket tribal-sign-487920-k0_cloudbuild",
            ],
        );
    });

    it("warns about unmanaged resources only when every stack is planned; --json lists them", async () => {
        assert.ok(!(await runPlan("demo")).stdout.includes("unmanaged: "), "one stack cannot tell what the others manage");
        assert.deepStrictEqual(JSON.parse(renderJson([], ["unmanaged: cloudbuild.trigger bilko-hotfix"])), { stacks: [], unmanaged: ["cloudbuild.trigger bilko-hotfix"] });
    });

    it("refuses a live service that is not adopted: exit 1, naming the service and the key", async () => {
        const stack = scratch.stack("demo", (v) => (v["bilko:services"].web.adopt.service = false));
        const run = await runPlan("demo", "--config", stack);
        assert.strictEqual(run.status, 1);
        assert.strictEqual(run.stderr, "plan: demo: would create cloudrun.service bilko-web-demo, which exists: adopt it (bilko:services.web.adopt)\n");
    });

    it("refuses prod creating what the estate lists, in the issue's words", async () => {
        const estate = scratch.estate((e) => e.resources.push({ kind: "cloudrun.service", name: "bilko-api", location: "europe-north1" }));
        const run = await runPlan("prod", "--estate", estate);
        assert.strictEqual(run.status, 1);
        assert.strictEqual(run.stderr, "plan: prod: would create cloudrun.service bilko-api, which exists: adopt it (bilko:services.api.adopt)\n");
    });

    it("does not count what bilko's own stack already manages as a collision, after the cutover's inventory", async () => {
        const live = (managedBy: string) => scratch.estate((e) => e.resources.push({ kind: "cloudrun.service", name: "bilko-api", location: "europe-north1", managedBy }));
        assert.strictEqual((await runPlan("prod", "--estate", live("prod"))).status, 0);
        const other = await runPlan("prod", "--estate", live("demo"));
        assert.strictEqual(other.status, 1);
        assert.strictEqual(other.stderr, "plan: prod: would create cloudrun.service bilko-api, which exists: bilko's demo stack manages it; give this one another name\n");
    });

    it("refuses a live DNS record that is not adopted, giving the record id to adopt it by", async () => {
        const stack = scratch.stack("demo", (v) => delete v["bilko:services"].web.adopt.dnsRecord);
        const run = await runPlan("demo", "--config", stack);
        assert.strictEqual(run.status, 1);
        assert.strictEqual(run.stderr, "plan: demo: would create cloudflare.dnsRecord bilko-demo.alai.no, which exists: adopt it (bilko:services.web.adopt.dnsRecord: 5e7d0000000000000000000000000a01)\n");
    });

    it("refuses a live env var the config drops, until the stack acknowledges it", async () => {
        const dropped = scratch.stack("demo", (v) => delete v["bilko:services"].api.env.EMAIL_FROM);
        const run = await runPlan("demo", "--config", dropped);
        assert.strictEqual(run.status, 1);
        assert.strictEqual(
            run.stderr,
            'plan: demo: first pulumi up removes env.EMAIL_FROM (was "no-reply@alai.no") of cloudrun.service bilko-api-demo; the running app may read it: acknowledge it (bilko:services.api.adopt.acknowledge: env.EMAIL_FROM)\n',
        );
        const signed = scratch.stack("demo", (v) => {
            delete v["bilko:services"].api.env.EMAIL_FROM;
            v["bilko:services"].api.adopt.acknowledge = ["env.EMAIL_FROM"];
        });
        const acknowledged = await runPlan("demo", "--config", signed);
        assert.strictEqual(acknowledged.status, 0, acknowledged.stderr);
        assert.match(acknowledged.stdout, /^ {6}env\.EMAIL_FROM +removed \(was "no-reply@alai\.no"\) +! the running app may read it: acknowledged$/m);
    });

    it("refuses a secret reference the API reads today, moved to another secret", async () => {
        const stack = scratch.stack("demo", (v) => (v["bilko:services"].api.secrets.JWT_SECRET = "bilko-demo-jwt-secret-v2"));
        const run = await runPlan("demo", "--config", stack);
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /^plan: demo: first pulumi up changes secretEnv\.JWT_SECRET from "bilko-demo-jwt-secret:latest" to "bilko-demo-jwt-secret-v2:latest" of cloudrun\.service bilko-api-demo; .*\(bilko:services\.api\.adopt\.acknowledge: secretEnv\.JWT_SECRET\)$/m);
    });

    it("refuses an adopted user whose password would change, until the rotation is acknowledged", async () => {
        const rotate = (acknowledged: boolean) =>
            scratch.stack("demo", (v) => {
                v["bilko:postgres"].password = "generate";
                v["bilko:postgres"].connectionUrl.template = "postgresql://{user}:{password}@/{database}?host={socket}";
                // The instance settings the runbook estate does not record stay acknowledged, as in the committed file.
                v["bilko:postgres"].adopt = { acknowledge: [...v["bilko:postgres"].adopt.acknowledge, ...(acknowledged ? ["password"] : [])] };
                v["bilko:services"].api.adopt.acknowledge = acknowledged ? ["secretEnv.DATABASE_URL"] : [];
            });
        const run = await runPlan("demo", "--config", rotate(false));
        assert.strictEqual(run.status, 1);
        assert.strictEqual(
            run.stderr,
            "plan: demo: first pulumi up sets password to a generated password of sql.user bilko-demo-db/bilko_app; the running services still connect with the old password: acknowledge it (bilko:postgres.adopt.acknowledge: password)\n" +
                // The API then reads the URL version bilko writes, pinned, instead of "latest".
                'plan: demo: first pulumi up changes secretEnv.DATABASE_URL from "bilko-demo-database-url:latest" to "bilko-demo-database-url:1" of cloudrun.service bilko-api-demo; the running app may read it: acknowledge it (bilko:services.api.adopt.acknowledge: secretEnv.DATABASE_URL)\n',
        );
        assert.strictEqual((await runPlan("demo", "--config", rotate(true))).status, 0);
    });

    it("refuses a DNS record whose live content the first up would replace", async () => {
        const estate = scratch.estate((e) => (estateResource(e, "cloudflare.dnsRecord", "bilko-demo-api.alai.no").live.content = "bilko-demo-api.old-host.example"));
        const run = await runPlan("demo", "--estate", estate);
        assert.strictEqual(run.status, 1);
        assert.strictEqual(
            run.stderr,
            'plan: demo: first pulumi up changes dns.content from "bilko-demo-api.old-host.example" to "ghs.googlehosted.com" of cloudflare.dnsRecord bilko-demo-api.alai.no; the hostname\'s traffic goes elsewhere: acknowledge it (bilko:services.api.adopt.acknowledge: dns.content)\n',
        );
    });

    it("refuses importing a record by an id the estate does not give it", async () => {
        const stack = scratch.stack("demo", (v) => (v["bilko:services"].web.adopt.dnsRecord = "0123456789abcdef0123456789abcdef"));
        const run = await runPlan("demo", "--config", stack);
        assert.strictEqual(run.status, 1);
        assert.strictEqual(
            run.stderr,
            'plan: demo: would import cloudflare.dnsRecord bilko-demo.alai.no as "023e105f4ecef8ad9ca31a8372d0c353/0123456789abcdef0123456789abcdef", but the estate lists it as "023e105f4ecef8ad9ca31a8372d0c353/5e7d0000000000000000000000000a01" (zone id/record id) (bilko:services.web.adopt.dnsRecord)\n',
        );
    });

    it("refuses adopting what the estate does not list: the import would fail", async () => {
        const estate = scratch.estate((e) => (e.resources = e.resources.filter((r: any) => r.name !== "bilko-web-stage")));
        const run = await runPlan("stage", "--estate", estate);
        assert.strictEqual(run.status, 1);
        assert.strictEqual(
            run.stderr,
            "plan: stage: would import cloudrun.service bilko-web-stage, which the estate does not list: the import would fail; stop adopting it (bilko:services.web.adopt) or refresh the estate (npm run inventory)\n",
        );
    });

    it("refuses a new prod instance without the approval of its cost: exit 2, naming the key", async () => {
        const stack = scratch.stack("prod", (v) => delete v["bilko:postgres"].approval);
        const run = await runPlan("prod", "--config", stack);
        assert.strictEqual(run.status, 2);
        assert.match(run.stderr, /^plan: prod-\d+\.yaml: bilko:postgres\.approval: missing required key: a prod Cloud SQL instance \("bilko-db"\) needs the approval of its cost: by, at, monthlyCostUsd\n$/);
    });

    it("refuses creating the prod instance when the estate says it exists", async () => {
        const estate = scratch.estate((e) => e.resources.push({ kind: "sql.instance", name: "bilko-db", location: "europe-north1" }));
        const run = await runPlan("prod", "--estate", estate);
        assert.strictEqual(run.status, 1);
        assert.strictEqual(run.stderr, "plan: prod: would create sql.instance bilko-db, which exists: adopt it (bilko:postgres.adopt)\n");
    });

    it("notes an acknowledgment of a change the first up does not make", async () => {
        const stack = scratch.stack("demo", (v) => (v["bilko:services"].web.adopt.acknowledge = ["env.NEXT_PUBLIC_API_URL"]));
        const run = await runPlan("demo", "--config", stack);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^ {4}note: acknowledged, but the first pulumi up does not change it: env\.NEXT_PUBLIC_API_URL \(bilko:services\.web\.adopt\.acknowledge\)$/m);
    });

    it("--json carries each adopted resource's diff, refusals and notes", async () => {
        const run = await runPlan("stage", "--json");
        assert.strictEqual(run.status, 0, run.stderr);
        const { adoption } = JSON.parse(run.stdout).stacks[0];
        assert.deepStrictEqual(adoption.estate, { file: "estate/tribal-sign-487920-k0.yaml", source: "runbooks", capturedAt: "2026-05-10T00:00:00Z" });
        const api = adoption.adopted.find((resource: any) => resource.name === "bilko-api-stage");
        assert.strictEqual(api.importId, "projects/tribal-sign-487920-k0/locations/europe-north1/services/bilko-api-stage");
        assert.deepStrictEqual(
            api.changes.find((change: any) => change.field === "env.CORS_ORIGINS"),
            {
                field: "env.CORS_ORIGINS",
                change: "changed",
                from: "https://bilko-web-stage-dh4m46blja-lz.a.run.app,http://localhost:3000",
                to: "https://bilko-stage.alai.no,http://localhost:3000,https://bilko-web-stage-dh4m46blja-lz.a.run.app",
                risk: "the running app may read it",
                acknowledged: true,
            },
        );
        assert.deepStrictEqual([adoption.refusals, adoption.notes], [[], []]);
    });
});
