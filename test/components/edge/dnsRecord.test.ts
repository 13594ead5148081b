import * as assert from "assert";
import { dnsRecordFor } from "../../../components/edge";

describe("DNS records", () => {
    it("point at Cloud Run's domain-mapping target, with TTL 1 when proxied", () => {
        assert.deepStrictEqual(
            { ...dnsRecordFor("a.alai.no", { kind: "cloudrun" }, true), comment: undefined },
            { name: "a.alai.no", type: "CNAME", content: "ghs.googlehosted.com", proxied: true, ttl: 1, comment: undefined },
        );
        assert.strictEqual(dnsRecordFor("a.alai.no", { kind: "cloudrun" }, false).ttl, 300);
    });

    it("point a GKE hostname at its Ingress address with an A record", () => {
        const record = dnsRecordFor("k.alai.no", { kind: "ingress", address: "203.0.113.9" }, false);
        assert.deepStrictEqual([record.type, record.content, record.ttl], ["A", "203.0.113.9", 300]);
    });
});
