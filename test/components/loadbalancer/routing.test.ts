import * as assert from "assert";
import { CANDIDATE_HEADER, certificateName, hostRouting, loadBalancerName, unknownHostRedirect } from "../../../components/loadbalancer";

describe("load balancer routing and names", () => {
    it("routes each hostname to its service's backend, and the candidate header to the candidate's", () => {
        const routing = hostRouting([
            { hostname: "bilko.alai.no", service: "web", backend: "web-b", candidateBackend: "web-c" },
            { hostname: "bilko-api.alai.no", service: "api", backend: "api-b", candidateBackend: "api-c" },
        ]);
        assert.deepStrictEqual(routing.hostRules, [
            { hosts: ["bilko.alai.no"], pathMatcher: "web" },
            { hosts: ["bilko-api.alai.no"], pathMatcher: "api" },
        ]);
        assert.deepStrictEqual(routing.pathMatchers[1], {
            name: "api",
            defaultService: "api-b",
            routeRules: [{ priority: 1, matchRules: [{ prefixMatch: "/", headerMatches: [{ headerName: CANDIDATE_HEADER, exactMatch: "candidate" }] }], service: "api-c" }],
        });
    });

    it("redirects unknown hosts to the first hostname over HTTPS, path and query kept", () => {
        assert.deepStrictEqual(unknownHostRedirect("bilko.alai.no"), { hostRedirect: "bilko.alai.no", httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false });
    });

    it("names parts like services (prod without suffix), and certificates after their hostname when Certificate Manager allows it", () => {
        assert.deepStrictEqual([loadBalancerName("bilko", "prod", "lb-ipv4"), loadBalancerName("bilko", "demo", "api-backend")], ["bilko-lb-ipv4", "bilko-api-backend-demo"]);
        assert.strictEqual(certificateName("bilko-api.alai.no"), "bilko-api-alai-no");
        assert.strictEqual(certificateName("1st.alai.no"), undefined);
        assert.strictEqual(certificateName(`${"a".repeat(60)}.alai.no`), undefined);
    });
});
