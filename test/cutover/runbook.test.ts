import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { disableTrigger, retirement } from "../../cutover/commands";
import { main, RUNBOOK_FILE } from "../../cutover/cli";
import { committedConfigs, runbookInput } from "../../cutover/input";
import { syntheticLines } from "../../cutover/notes";
import { cutoverRunbook } from "../../cutover/runbook";
import { COMMITTED_STACKS, PROJECT_DIR, plannedStack } from "../support/stacks";

const COMMITTED = fs.readFileSync(path.join(PROJECT_DIR, RUNBOOK_FILE), "utf8");

async function committedInput() {
    const configs = committedConfigs(PROJECT_DIR);
    return runbookInput(PROJECT_DIR, configs, await Promise.all(COMMITTED_STACKS.map((stack) => plannedStack(stack))));
}

describe("the cutover runbook (docs/cutover.md)", function () {
    this.timeout(20000);

    it("is what npm run cutover generates from the committed stacks and estate (else: npm run cutover -- --write)", async () => {
        // The committed stacks' plans are shared with other tests; `npm run cutover` evaluates the same stacks itself.
        assert.ok(cutoverRunbook(await committedInput()) === COMMITTED, "docs/cutover.md is stale: run npm run cutover -- --write");
    });

    it("runs the steps in the order of the issue: adopt stage, adopt demo, create prod, move the data, switch DNS, retire", () => {
        const steps = COMMITTED.split("\n").filter((line) => /^## \d\. /.test(line));
        assert.deepStrictEqual(steps, [
            "## 0. Before you start",
            "## 1. Adopt stage",
            "## 2. Adopt demo",
            "## 3. Create prod's database",
            "## 4. Move demo's data into prod",
            "## 5. Create prod's services and load balancer",
            "## 6. Switch DNS",
            "## 7. Retire what no stack manages",
        ]);
        const position = (text: string) => COMMITTED.indexOf(text);
        assert.ok(position("gcloud sql backups create --instance=bilko-demo-db --project=tribal-sign-487920-k0 --description=\"before the move to prod\"") < position("gcloud sql export sql bilko-demo-db"), "a backup before the export");
        assert.ok(position("gcloud sql import sql bilko-db") < position("pulumi up --stack prod --policy-pack policies \\\n    --exclude"), "the data is in prod before its API first runs Flyway");
    });

    it("publishes prod's hostnames only once their certificates are active and the load balancer answers with them", () => {
        const step5 = COMMITTED.slice(COMMITTED.indexOf("## 5."), COMMITTED.indexOf("## 6."));
        const excluded = [...step5.matchAll(/--exclude '([^']+)'/g)].map((match) => match[1].split("::").pop());
        assert.deepStrictEqual(excluded.sort(), ["edge-bilko-alai-no-aaaa", "edge-bilko-alai-no-record", "edge-bilko-api-alai-no-aaaa", "edge-bilko-api-alai-no-record"]);
        const step6 = COMMITTED.slice(COMMITTED.indexOf("## 6."), COMMITTED.indexOf("## 7."));
        const switchAt = step6.indexOf("pulumi up --stack prod --policy-pack policies\n");
        for (const certificate of ["bilko-alai-no", "bilko-api-alai-no"]) {
            assert.ok(step6.indexOf(`gcloud certificate-manager certificates describe ${certificate} `) < switchAt, certificate);
        }
        assert.ok(step6.indexOf("curl -fsS --resolve bilko-api.alai.no:443:") < switchAt);
    });

    it("moves demo's live domain mappings to the load balancer in an order that keeps every hostname answering", () => {
        const section = COMMITTED.slice(COMMITTED.indexOf("## Moving demo's hostnames"), COMMITTED.indexOf("## Rotating"));
        const at = (text: string) => {
            const index = section.indexOf(text);
            assert.ok(index >= 0, text);
            return index;
        };
        // Built first, with the services, records and mappings as they are; then certificates; then DNS; then run.app closes.
        const build = at("--exclude 'urn:pulumi:demo::bilko::bilko:cloudflare:Edge$gcp:cloudrun/domainMapping:DomainMapping::edge-bilko-demo-alai-no-mapping'");
        assert.ok(at("--exclude 'urn:pulumi:demo::bilko::bilko:gcp:CloudRunService$gcp:cloudrunv2/service:Service::api-service'") < build);
        const certificates = at("gcloud certificate-manager certificates describe bilko-demo-api-alai-no ");
        const dns = at("--target 'urn:pulumi:demo::bilko::bilko:cloudflare:Edge$cloudflare:index/dnsRecord:DnsRecord::edge-bilko-demo-api-alai-no-record'");
        const close = at("   pulumi up --stack demo --policy-pack policies\n");
        assert.ok(build < certificates && certificates < dns && dns < close);
        assert.ok(at("--target 'urn:pulumi:demo::bilko::bilko:cloudflare:Edge$cloudflare:index/dnsRecord:DnsRecord::edge-bilko-demo-api-alai-no-aaaa'") < close);
    });

    it("takes every name from the config: another instance name changes the commands", async () => {
        const input = await committedInput();
        const renamed = input.stacks.map((config) => (config.environment === "demo" ? { ...config, postgres: { ...config.postgres, instanceName: "bilko-demo-pg17" } } : config));
        const text = cutoverRunbook({ ...input, stacks: renamed });
        assert.match(text, /^gcloud sql export sql bilko-demo-pg17 gs:\/\/tribal-sign-487920-k0-cutover\/bilko-demo-pg17-to-bilko-db\.sql\.gz --database=bilko /m);
        assert.doesNotMatch(text, /gcloud sql backups create --instance=bilko-demo-db /);
    });

    it("disables the old triggers before stage's pipeline exists, and retires every resource no stack manages", async () => {
        const input = await committedInput();
        assert.deepStrictEqual(input.unmanaged.map((resource) => `${resource.kind} ${resource.name}`), [
            "sql.user bilko-demo-db/bilko_admin",
            "cloudbuild.trigger bilko-stage-auto-deploy",
            "cloudbuild.trigger bilko-main-deploy",
            "storage.bucket tribal-sign-487920-k0_cloudbuild",
        ]);
        const step1 = COMMITTED.slice(COMMITTED.indexOf("## 1. Adopt stage"), COMMITTED.indexOf("## 2. Adopt demo"));
        assert.ok(step1.indexOf("builds triggers import") < step1.indexOf("pulumi up --stack stage"));
        const step7 = COMMITTED.slice(COMMITTED.indexOf("## 7."));
        for (const resource of input.unmanaged) {
            assert.ok(step7.includes(`- \`${resource.kind} ${resource.name}\`: `), resource.name);
        }
    });

    it("builds the gcloud commands of a trigger from its location", () => {
        assert.deepStrictEqual(disableTrigger("p", { name: "t", location: "europe-north1" }), [
            "gcloud beta builds triggers export t --project=p --region=europe-north1 --destination=t.trigger.yaml",
            'echo "disabled: true" >> t.trigger.yaml',
            "gcloud beta builds triggers import --project=p --region=europe-north1 --source=t.trigger.yaml",
        ]);
        assert.deepStrictEqual(retirement("p", { kind: "cloudbuild.trigger", name: "t", location: "global", live: {} }).commands, ["gcloud builds triggers delete t --project=p"]);
        assert.deepStrictEqual(retirement("p", { kind: "sql.user", name: "db/admin", location: "r", live: {} }).commands, ["gcloud sql users delete admin --instance=db --project=p"]);
    });

    it("lists each value marked synthetic, a mark on its own line naming the value below it", () => {
        const text = "a: 1 # synthetic id\n# synthetic: a guess\n# (more words)\nb: 2\nc: 3 # from seed 001\n";
        assert.deepStrictEqual(syntheticLines([{ name: "f.yaml", text }]), ["`f.yaml` line 1: `a: 1 # synthetic id`", "`f.yaml` line 4: `b: 2`"]);
    });

    it("explains itself with --help and refuses an unknown flag with exit 2", async () => {
        const lines: string[] = [];
        assert.strictEqual(await main(["--help"], { out: (text) => lines.push(text), err: (text) => lines.push(text) }), 0);
        assert.match(lines[0], /^usage: npm run cutover \[-- --write\]/);
        assert.strictEqual(await main(["--frobnicate"], { out: () => undefined, err: (text) => lines.push(text) }), 2);
        assert.match(lines[1], /^cutover: Unknown option '--frobnicate'/);
    });
});
