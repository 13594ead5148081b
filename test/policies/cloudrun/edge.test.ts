import * as assert from "assert";
import { disallowInProd, disallowPublicIngress } from "../../../policies/cloudrun";
import { checkResource, resource, stackViolations, unknown, violations, type Props } from "../support";

const MAPPING = "gcp:cloudrun/domainMapping:DomainMapping";
const SERVICE = "gcp:cloudrunv2/service:Service";
const NEG = "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup";

function mapping(environment: string): Props {
    return { name: "bilko-stage.alai.no", location: "europe-north1", metadata: { namespace: "p", labels: { environment } }, spec: { routeName: "bilko-web-stage" } };
}

describe("cloudrun-domainmapping-disallow-in-prod", () => {
    it("accepts a domain mapping outside prod", async () => {
        assert.deepStrictEqual(await violations(disallowInProd, MAPPING, mapping("stage")), []);
    });

    it("refuses a domain mapping labelled environment=prod", async () => {
        assert.deepStrictEqual(await violations(disallowInProd, MAPPING, mapping("prod")), [
            'Cloud Run domain mapping "subject" (bilko-stage.alai.no) is labelled environment=prod; domain mappings are a Preview feature with no WAF, so serve prod\'s hostnames through the load balancer (bilko:edge.mode: load-balancer) instead.',
        ]);
    });

    it("cannot judge a mapping whose labels are unknown during preview", async () => {
        const props = mapping("prod");
        props.metadata.labels.environment = unknown.string;
        assert.deepStrictEqual(await checkResource(disallowInProd, MAPPING, props), {
            violations: [],
            notApplicable: "cannot be checked yet: string value at .metadata.labels.environment can't be known during preview",
        });
    });

    it("is not applicable to other types", async () => {
        assert.deepStrictEqual(await checkResource(disallowInProd, SERVICE, mapping("prod")), { violations: [], notApplicable: `applies only to ${MAPPING}` });
    });
});

function service(name: string, environment: string, ingress?: string): Props {
    return { name, labels: { environment }, ...(ingress === undefined ? {} : { ingress }), template: { containers: [{ image: "x" }] } };
}

/** Prod as the program declares it: both services behind a serverless NEG, ingress closed. */
function prodStack(apiIngress: string | undefined) {
    return [
        resource(SERVICE, "api-service", service("bilko-api", "prod", apiIngress)),
        resource(SERVICE, "web-service", service("bilko-web", "prod", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER")),
        resource(NEG, "lb-api-neg", { name: "bilko-api-neg", region: "europe-north1", networkEndpointType: "SERVERLESS", cloudRun: { service: "bilko-api" } }),
        resource(NEG, "lb-web-neg", { name: "bilko-web-neg", region: "europe-north1", networkEndpointType: "SERVERLESS", cloudRun: { service: "bilko-web" } }),
    ];
}

describe("cloudrun-service-disallow-public-ingress", () => {
    it("accepts prod's services behind the load balancer with ingress internal and load balancer", async () => {
        assert.deepStrictEqual(await stackViolations(disallowPublicIngress, prodStack("INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER")), []);
    });

    it("refuses a load-balanced service anyone can still reach at run.app, naming its NEG", async () => {
        assert.deepStrictEqual(await stackViolations(disallowPublicIngress, prodStack("INGRESS_TRAFFIC_ALL")), [
            'api-service: Cloud Run service "api-service" is behind the load balancer (serverless NEG "lb-api-neg") but has ingress INGRESS_TRAFFIC_ALL: anyone can call its run.app URL and skip Cloud Armor; set ingress to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER.',
        ]);
    });

    it("reads an unset ingress as Cloud Run's default, all", async () => {
        assert.deepStrictEqual((await stackViolations(disallowPublicIngress, prodStack(undefined))).length, 1);
    });

    it("refuses a prod service with public ingress even when no NEG fronts it", async () => {
        const stack = [resource(SERVICE, "api-service", service("bilko-api", "prod", "INGRESS_TRAFFIC_ALL"))];
        assert.deepStrictEqual(await stackViolations(disallowPublicIngress, stack), [
            'api-service: Cloud Run service "api-service" is labelled environment=prod but has ingress INGRESS_TRAFFIC_ALL, so the internet reaches it directly; serve it through the load balancer (bilko:edge.mode: load-balancer) and set ingress to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER.',
        ]);
    });

    it("accepts stage's services on domain mappings with ingress all, and internal-only anywhere", async () => {
        const stack = [resource(SERVICE, "web-service", service("bilko-web-stage", "stage", "INGRESS_TRAFFIC_ALL")), resource(SERVICE, "api-service", service("bilko-api", "prod", "INGRESS_TRAFFIC_INTERNAL_ONLY"))];
        assert.deepStrictEqual(await stackViolations(disallowPublicIngress, stack), []);
    });

    it("refuses a stage service a NEG fronts while run.app stays open", async () => {
        const stack = [resource(SERVICE, "web-service", service("bilko-web-stage", "stage", "INGRESS_TRAFFIC_ALL")), resource(NEG, "lb-web-neg", { cloudRun: { service: "bilko-web-stage" } })];
        assert.match((await stackViolations(disallowPublicIngress, stack))[0], /^web-service: .* is behind the load balancer \(serverless NEG "lb-web-neg"\)/);
    });

    it("skips a service whose ingress is unknown during preview", async () => {
        assert.deepStrictEqual(await stackViolations(disallowPublicIngress, prodStack(unknown.string)), []);
    });
});
