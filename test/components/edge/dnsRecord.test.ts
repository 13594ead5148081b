import * as assert from "assert";
import { authorizationRecordFor, dnsRecordFor } from "../../../components/edge";

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

    it("point a load-balanced hostname at the load balancer with an A and an AAAA record", () => {
        const a = dnsRecordFor("b.alai.no", { kind: "loadbalancer", type: "A", address: "203.0.113.80" }, false);
        const aaaa = dnsRecordFor("b.alai.no", { kind: "loadbalancer", type: "AAAA", address: "2001:db8::80" }, false);
        assert.deepStrictEqual([a.type, a.content, aaaa.type, aaaa.content], ["A", "203.0.113.80", "AAAA", "2001:db8::80"]);
    });

    it("publish a DNS authorization's CNAME as Google reports it, without the trailing dots, never proxied", () => {
        const record = authorizationRecordFor({ name: "_acme-challenge.b.alai.no.", type: "CNAME", data: "0a1b.9.authorize.certificatemanager.goog." });
        assert.deepStrictEqual(
            { ...record, comment: undefined },
            { name: "_acme-challenge.b.alai.no", type: "CNAME", content: "0a1b.9.authorize.certificatemanager.goog", proxied: false, ttl: 300, comment: undefined },
        );
    });
});
