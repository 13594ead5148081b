import * as assert from "assert";
import { enforceCorsOrigins } from "../../../policies/cloudrun";
import { resource, stackViolations, unknown, type Props } from "../support";

const SERVICE = "gcp:cloudrunv2/service:Service";
const RECORD = "cloudflare:index/dnsRecord:DnsRecord";

function api(environment: string, cors: string): Props {
    return {
        name: "bilko-api",
        labels: { environment, service: "api", public: "true" },
        template: { containers: [{ image: "api", envs: [{ name: "DB_USER", value: "bilko_app" }, { name: "CORS_ORIGINS", value: cors }] }] },
    };
}

/** A prod stack as the program declares it: the api allows the web's hostname, both published through Cloudflare. */
function stack(apiProps: Props = api("prod", "https://bilko.alai.no")) {
    return [
        resource(SERVICE, "api-service", apiProps),
        resource(SERVICE, "web-service", { name: "bilko-web", labels: { environment: "prod" }, template: { containers: [{ image: "web", envs: [] }] } }),
        resource(RECORD, "web-record", { name: "bilko.alai.no", type: "CNAME", proxied: false, ttl: 300 }),
        resource(RECORD, "api-record", { name: "bilko-api.alai.no", type: "CNAME", proxied: false, ttl: 300 }),
    ];
}

describe("cloudrun-service-enforce-cors-origins", () => {
    it("accepts the baseline prod stack", async () => {
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, stack()), []);
    });

    it("refuses a wildcard origin", async () => {
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, stack(api("prod", "https://bilko.alai.no,*"))), [
            'api-service: Cloud Run service "api-service" allows CORS origin "*", a wildcard; list the exact https:// origins that may call it instead.',
        ]);
    });

    it("refuses a wildcard inside an origin, in any environment", async () => {
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, stack(api("stage", "https://*.alai.no"))), [
            'api-service: Cloud Run service "api-service" allows CORS origin "https://*.alai.no", a wildcard; list the exact https:// origins that may call it instead.',
        ]);
    });

    it("refuses a plain http origin in prod", async () => {
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, stack(api("prod", "https://bilko.alai.no, http://bilko.alai.no"))), [
            'api-service: Cloud Run service "api-service" allows CORS origin "http://bilko.alai.no" in prod; prod accepts only https:// origins, so serve that site over https and list it as https://<hostname>.',
        ]);
    });

    it("accepts a plain http origin outside prod", async () => {
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, stack(api("stage", "https://bilko.alai.no,http://localhost:3000"))), []);
    });

    it("refuses a prod origin the stack does not publish through Cloudflare", async () => {
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, stack(api("prod", "https://evil.example.com"))), [
            'api-service: Cloud Run service "api-service" allows CORS origin "https://evil.example.com" in prod, but this stack publishes no such hostname through Cloudflare (it publishes bilko.alai.no, bilko-api.alai.no); prod allows only https://<hostname> of the stack\'s own records.',
        ]);
    });

    it("refuses a published hostname with a port, which is another origin", async () => {
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, stack(api("prod", "https://bilko.alai.no:8443"))), [
            'api-service: Cloud Run service "api-service" allows CORS origin "https://bilko.alai.no:8443" in prod, but this stack publishes no such hostname through Cloudflare (it publishes bilko.alai.no, bilko-api.alai.no); prod allows only https://<hostname> of the stack\'s own records.',
        ]);
    });

    it("says so when the stack publishes nothing at all", async () => {
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, stack().slice(0, 2)), [
            'api-service: Cloud Run service "api-service" allows CORS origin "https://bilko.alai.no" in prod, but this stack publishes no such hostname through Cloudflare (it publishes none); prod allows only https://<hostname> of the stack\'s own records.',
        ]);
    });

    it("does not judge published hostnames while a record's name is unknown, but still refuses a wildcard", async () => {
        const resources = stack(api("prod", "https://elsewhere.example.com,*"));
        resources[2].props.name = unknown.string;
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, resources), [
            'api-service: Cloud Run service "api-service" allows CORS origin "*", a wildcard; list the exact https:// origins that may call it instead.',
        ]);
    });

    it("does not apply the prod rules while the environment label is unknown", async () => {
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, stack(api(unknown.string, "http://elsewhere.example.com"))), []);
    });

    it("reports nothing for a service whose CORS_ORIGINS is unknown, and still judges the others", async () => {
        const resources = stack(api("prod", unknown.string));
        resources.push(resource(SERVICE, "admin-service", api("prod", "*")));
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, resources), [
            'admin-service: Cloud Run service "admin-service" allows CORS origin "*", a wildcard; list the exact https:// origins that may call it instead.',
        ]);
    });

    it("ignores CORS_ORIGINS-looking variables of other resource types", async () => {
        const resources = [resource("gcp:cloudrunv2/job:Job", "migrate", api("prod", "*")), ...stack()];
        assert.deepStrictEqual(await stackViolations(enforceCorsOrigins, resources), []);
    });
});
