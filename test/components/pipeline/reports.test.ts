/** The lines builds report about themselves for their notifications (components/pipeline/reports.ts). */
import * as assert from "assert";
import { main as facts } from "../../../components/pipeline/factsCommand";
import { announcement, driftSummary, shortDigest } from "../../../components/pipeline/reports";
import { REPORT_CHARACTERS } from "../../../components/pipeline/steps/reportStep";
import { parseStackConfig } from "../../../config";
import { COMMITTED_STACKS, committedValues, edited } from "../../support/stacks";

const config = (stack: string, edit: (values: Record<string, any>) => void = () => undefined) => parseStackConfig(edited(stack, edit), { stack, knownStacks: COMMITTED_STACKS });
const PLAIN = new RegExp(`^[${REPORT_CHARACTERS}]*$`);

describe("what a deployment reports for its notification", () => {
    it("prod: each service's short digest and the audit entry that put it there (who, from where, when, why)", () => {
        const prod = committedValues("prod");
        const entry = prod["bilko:releases"][0];
        const line = announcement(config("prod"));
        const expected = (service: string) =>
            `${service} ${shortDigest(prod["bilko:services"][service].digest)} promoted from ${entry.from} by ${entry.by} at ${entry.at}: ${entry.reason}`;
        assert.strictEqual(line, `prod: ${expected("web")}, ${expected("api")}`);
        assert.match(line, PLAIN, "nothing the report step would strip");
    });

    it("a rollback and a forced promotion say so; a digest no entry names says that; stage's digests are built by the commit", () => {
        const edit = (values: Record<string, any>) => {
            const { web, api } = values["bilko:services"];
            values["bilko:releases"].push({ service: "web", digest: web.digest, from: "prod", at: "2026-11-30T09:00:00Z", by: "oncall@alai.no", kind: "rollback", reason: "500s" });
            values["bilko:releases"].push({ service: "api", digest: api.digest, from: "demo", at: "2026-12-21T09:00:00Z", by: "cfo@alai.no", kind: "force", reason: "outage fix in the freeze" });
        };
        assert.match(announcement(config("prod", edit)), /^prod: web [0-9a-f]{12} rolled back by oncall@alai\.no at 2026-11-30T09:00:00Z: 500s, api [0-9a-f]{12} forced from demo by cfo@alai\.no at 2026-12-21T09:00:00Z: outage fix in the freeze$/);
        assert.match(announcement(config("prod", (values) => (values["bilko:releases"] = []))), /^prod: web [0-9a-f]{12} no audit entry, api [0-9a-f]{12} no audit entry$/);
        assert.match(announcement(config("stage")), /^stage: web ef7393eb86de built by this commit, api 81214b16cc3b built by this commit$/);
    });

    it("shortDigest: the first 12 hex digits", () => {
        assert.strictEqual(shortDigest(`sha256:${"0123456789ab".repeat(5)}abcd`), "0123456789ab");
    });
});

describe("what a drift check reports (pulumi preview --json)", () => {
    const urn = (type: string, name: string) => `urn:pulumi:prod::bilko::bilko:gcp:CloudRunService$${type}::${name}`;
    it("names each resource that would change, with the operation and its type; nothing when all are the same", () => {
        const steps = [
            { op: "same", urn: urn("gcp:cloudrunv2/service:Service", "api-service") },
            { op: "update", urn: urn("gcp:cloudrunv2/service:Service", "web-service") },
            { op: "replace", urn: "urn:pulumi:prod::bilko::gcp:sql/user:User::database-user" },
            { op: "refresh", urn: urn("gcp:cloudrunv2/service:Service", "web-service") },
        ];
        assert.deepStrictEqual(driftSummary({ steps }), ["2 resources differ: update web-service (gcp:cloudrunv2/service:Service), replace database-user (gcp:sql/user:User)"]);
        assert.deepStrictEqual(driftSummary({ steps: steps.slice(0, 1) }), []);
        assert.deepStrictEqual(driftSummary({ diagnostics: [] }), [], "no steps: the check failed before comparing");
    });

    it("lists at most ten, then how many more", () => {
        const steps = Array.from({ length: 12 }, (_, index) => ({ op: "update", urn: urn("gcp:cloudrunv2/service:Service", `s${index}`) }));
        assert.match(driftSummary({ steps })[0], /^12 resources differ: (update s\d+ \(gcp:cloudrunv2\/service:Service\), ){9}update s9 \(gcp:cloudrunv2\/service:Service\), and 2 more$/);
    });

    it("the facts tool prints it from stdin, and refuses stdin that is not JSON (exit 2)", () => {
        let out = "";
        assert.strictEqual(facts(["prod", "drift"], () => JSON.stringify({ steps: [{ op: "delete", urn: "urn:pulumi:prod::bilko::gcp:pubsub/topic:Topic::t" }] }), (text) => (out += text)), 0);
        assert.strictEqual(out, "1 resource differs: delete t (gcp:pubsub/topic:Topic)\n");
        assert.strictEqual(facts(["prod", "drift"], () => "Error: preview failed", () => undefined), 2);
    });
});
