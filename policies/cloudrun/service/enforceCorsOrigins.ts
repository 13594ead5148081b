import { inProd } from "../../support/labels";
import { known, stackPolicy, UNKNOWN } from "../../support/policy";
import { CLOUD_RUN_SERVICE, subject, corsOriginsOf, publishedHostnames, originProblem } from "../support";

export const enforceCorsOrigins = stackPolicy({
    name: "cloudrun-service-enforce-cors-origins",
    description: "CORS_ORIGINS never allows `*`, and in prod allows only https:// origins of hostnames the same stack publishes through Cloudflare.",
    enforcementLevel: "mandatory",
    check: (resources, _args, report) => {
        const published = publishedHostnames(resources);
        for (const service of resources.filter((resource) => resource.type === CLOUD_RUN_SERVICE)) {
            const origins = known(() => corsOriginsOf(service.props));
            const prod = known(() => inProd(service.type, service.props));
            if (origins === UNKNOWN) {
                continue;
            }
            for (const origin of origins) {
                const problem = originProblem(origin, prod, published);
                if (problem) {
                    report(`${subject(service.name)} allows CORS origin "${origin}"${problem}`, service.urn);
                }
            }
        }
    },
});
