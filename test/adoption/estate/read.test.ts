import * as assert from "assert";
import { estateFromText, EstateError, readEstate } from "../../../adoption/estate/read";
import { COMMITTED_ESTATE } from "../support";

const refusal = (text: string) => {
    try {
        estateFromText(text, "estate/p.yaml");
    } catch (error) {
        assert.ok(error instanceof EstateError);
        return error.message;
    }
    throw new Error("not refused");
};

const HEAD = 'project: p\ncapturedAt: "2026-05-10T00:00:00Z"\nsource: runbooks\n';

describe("the estate file", () => {
    it("the committed one is valid and lists what the seeds name", () => {
        const estate = readEstate(COMMITTED_ESTATE);
        assert.strictEqual(estate.project, "tribal-sign-487920-k0");
        const names = estate.resources.map((resource) => `${resource.kind} ${resource.name}`);
        for (const expected of [
            "artifactregistry.repository bilko",
            "cloudrun.service bilko-web-stage",
            "cloudrun.service bilko-api-stage",
            "cloudrun.service bilko-web-demo",
            "cloudrun.service bilko-api-demo",
            "sql.instance bilko-staging-db",
            "sql.instance bilko-demo-db",
            "cloudbuild.trigger bilko-stage-auto-deploy",
            "cloudbuild.trigger bilko-main-deploy",
            "cloudflare.dnsRecord bilko-demo.alai.no",
            "cloudflare.dnsRecord bilko-demo-api.alai.no",
            "cloudrun.domainMapping bilko-demo.alai.no",
            "cloudrun.domainMapping bilko-demo-api.alai.no",
        ]) {
            assert.ok(names.includes(expected), expected);
        }
        assert.ok(!names.includes("sql.instance bilko-db"), "OCD-5: bilko-db does not exist");
    });

    it("refuses an unknown kind, an unknown live key and a wrong type, naming the key path", () => {
        assert.strictEqual(refusal(`${HEAD}resources:\n  - { kind: cloudrun.svc, name: a, location: l }\n`), 'estate/p.yaml: resources[0].kind: expected one of "cloudrun.service", "cloudrun.domainMapping", "cloudrun.job", "sql.instance", "sql.database", "sql.user", "artifactregistry.repository", "cloudbuild.trigger", "secretmanager.secret", "storage.bucket", "iam.serviceAccount", "cloudflare.dnsRecord", got "cloudrun.svc"');
        assert.strictEqual(refusal(`${HEAD}resources:\n  - { kind: cloudrun.service, name: a, location: l, live: { imgae: x } }\n`), "estate/p.yaml: resources[0].live.imgae: unknown key");
        assert.strictEqual(refusal(`${HEAD}resources:\n  - { kind: cloudflare.dnsRecord, name: a, location: l, live: { proxied: "no" } }\n`), 'estate/p.yaml: resources[0].live.proxied: expected boolean, got "no"');
        assert.strictEqual(refusal(`${HEAD}source: guessed\n`.replace("source: runbooks\n", "")), 'estate/p.yaml: source: expected one of "runbooks", "gcloud", got "guessed"');
    });

    it("refuses a resource listed twice, a missing key and text that is not YAML", () => {
        assert.strictEqual(refusal(`${HEAD}resources:\n  - { kind: sql.instance, name: a, location: l }\n  - { kind: sql.instance, name: a, location: l }\n`), "estate/p.yaml: resources[1]: sql.instance a in l is listed twice");
        assert.strictEqual(refusal('project: p\nsource: gcloud\n'), "estate/p.yaml: capturedAt: missing required key");
        assert.match(refusal("project: [p\n"), /^estate\/p\.yaml: not valid YAML: /);
        assert.throws(() => readEstate("/nonexistent/estate.yaml", "estate/x.yaml"), (error: Error) => error instanceof EstateError && error.message === "estate/x.yaml: cannot read: ENOENT");
    });
});
