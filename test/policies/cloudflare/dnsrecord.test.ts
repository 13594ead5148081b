import * as assert from "assert";
import { enforceAutomaticTtl } from "../../../policies/cloudflare";
import { checkResource, mutated, unknown, violations, type Props } from "../support";

const RECORD = "cloudflare:index/dnsRecord:DnsRecord";

/** A proxied record as the program declares it with `proxied: true`. */
function record(): Props {
    return { zoneId: "023e105f4ecef8ad9ca31a8372d0c353", name: "bilko.alai.no", type: "CNAME", content: "ghs.googlehosted.com", proxied: true, ttl: 1 };
}

describe("cloudflare-dnsrecord-enforce-automatic-ttl", () => {
    it("passes a proxied record with automatic TTL", async () => {
        assert.deepStrictEqual(await violations(enforceAutomaticTtl, RECORD, record()), []);
    });

    it("refuses a proxied record with a fixed TTL", async () => {
        assert.deepStrictEqual(await violations(enforceAutomaticTtl, RECORD, mutated(record, (value) => (value.ttl = 300))), [
            'Cloudflare record "subject" is proxied but has ttl 300; set ttl to 1 (automatic), or stop proxying it to keep a fixed TTL.',
        ]);
    });

    it("judges the legacy Record type the same way", async () => {
        assert.deepStrictEqual(await violations(enforceAutomaticTtl, "cloudflare:index/record:Record", mutated(record, (value) => (value.ttl = 60))), [
            'Cloudflare record "subject" is proxied but has ttl 60; set ttl to 1 (automatic), or stop proxying it to keep a fixed TTL.',
        ]);
    });

    it("accepts a fixed TTL on a record that is not proxied", async () => {
        const props = mutated(record, (value) => {
            value.proxied = false;
            value.ttl = 300;
        });
        assert.deepStrictEqual(await violations(enforceAutomaticTtl, RECORD, props), []);
    });

    it("reports nothing while proxied is unknown", async () => {
        const props = mutated(record, (value) => {
            value.proxied = unknown.boolean;
            value.ttl = 300;
        });
        assert.deepStrictEqual(await checkResource(enforceAutomaticTtl, RECORD, props), {
            violations: [],
            notApplicable: "cannot be checked yet: boolean value at .proxied can't be known during preview",
        });
    });

    it("is not applicable to other types", async () => {
        assert.deepStrictEqual(await checkResource(enforceAutomaticTtl, "cloudflare:index/zone:Zone", { name: "alai.no" }), {
            violations: [],
            notApplicable: "applies only to cloudflare:index/dnsRecord:DnsRecord, cloudflare:index/record:Record",
        });
    });
});
