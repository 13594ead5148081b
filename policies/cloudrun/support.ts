/** What the cloudrun policies share: type tokens, subjects of messages and readers of resource properties. */
import type { PolicyResource } from "@pulumi/policy";
import { DNS_RECORDS } from "../cloudflare/support";
import { known, matchesType, UNKNOWN, type Props, type Unknown } from "../support/policy";

export const CLOUD_RUN_SERVICE = "gcp:cloudrunv2/service:Service";
export const DOMAIN_MAPPING = "gcp:cloudrun/domainMapping:DomainMapping";
export const SERVERLESS_NEG = "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup";
export const CLOUD_RUN_JOB = "gcp:cloudrunv2/job:Job";
const REPOSITORY_IAM_MEMBER = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";
/** The Cloud Run service agent of some project: what pulls a service's image when it is deployed. */
const CLOUD_RUN_SERVICE_AGENT = /^serviceAccount:service-\d+@serverless-robot-prod\.iam\.gserviceaccount\.com$/;

/** Ingress settings that refuse requests from the internet: VPC and load balancers, or VPC only. */
export const CLOSED_INGRESS = ["INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", "INGRESS_TRAFFIC_INTERNAL_ONLY"];

export const DEFAULT_SERVICE_ACCOUNT = /^(\d+-compute@developer\.gserviceaccount\.com|[^@]+@appspot\.gserviceaccount\.com)$/;

/** `<location>-docker.pkg.dev/<project>/<repository>/...`: project, location and repository of an Artifact Registry image. */
export const ARTIFACT_REGISTRY_IMAGE = /^([a-z0-9-]+)-docker\.pkg\.dev\/([^/]+)\/([^/]+)\/./;

/**
 * Whether the stack grants a Cloud Run service agent read access to the repository of `image` (the match of
 * ARTIFACT_REGISTRY_IMAGE): the stack pulls from another project's registry on purpose, and says so in IAM.
 */
export function pullsFrom(resources: PolicyResource[], image: RegExpExecArray): boolean {
    const [, location, project, repository] = image;
    return resources.some((resource) => {
        if (resource.type !== REPOSITORY_IAM_MEMBER) {
            return false;
        }
        const props = resource.props;
        const same = known(() => props.project === project && props.location === location && props.repository === repository && props.role === "roles/artifactregistry.reader");
        const member = known(() => props.member as unknown);
        // A member unknown during preview is the agent named after a project number not yet read.
        return same === true && (member === UNKNOWN || (typeof member === "string" && CLOUD_RUN_SERVICE_AGENT.test(member)));
    });
}

export const subject = (name: string) => `Cloud Run service "${name}"`;

export const jobSubject = (name: string) => `Cloud Run job "${name}"`;

export function containersOf(props: Props): Props[] {
    const containers = props.template?.containers;
    return Array.isArray(containers) ? containers : [];
}

export function corsOriginsOf(props: Props): string[] {
    const envs = containersOf(props).flatMap((container) => (Array.isArray(container.envs) ? (container.envs as Props[]) : []));
    const cors = envs.find((env) => env.name === "CORS_ORIGINS");
    return typeof cors?.value === "string" ? cors.value.split(",").map((origin: string) => origin.trim()).filter(Boolean) : [];
}

/** Hostnames of the stack's Cloudflare records, or `UNKNOWN` if any of them is not known yet. */
export function publishedHostnames(resources: PolicyResource[]): string[] | Unknown {
    const names = resources
        .filter((resource) => matchesType(DNS_RECORDS, resource.type))
        .map((record) => known(() => record.props.name as string));
    return names.includes(UNKNOWN) ? UNKNOWN : (names as string[]);
}

/** Cloud Run service name -> the serverless NEG that sends it load-balanced traffic; `UNKNOWN` if a target is not known yet. */
export function loadBalancedServices(resources: PolicyResource[]): Map<string, string> | Unknown {
    const fronted = new Map<string, string>();
    for (const neg of resources.filter((resource) => resource.type === SERVERLESS_NEG)) {
        const service = known(() => neg.props.cloudRun?.service as string | undefined);
        if (service === UNKNOWN) {
            return UNKNOWN;
        }
        if (service) {
            fronted.set(service, neg.name);
        }
    }
    return fronted;
}

/** Why `origin` is refused, as the rest of the message after the origin; `undefined` when it is allowed. */
export function originProblem(origin: string, prod: boolean | Unknown, published: string[] | Unknown): string | undefined {
    if (origin.includes("*")) {
        return `, a wildcard; list the exact https:// origins that may call it instead.`;
    }
    if (prod !== true) {
        return undefined;
    }
    if (!origin.startsWith("https://")) {
        return ` in prod; prod accepts only https:// origins, so serve that site over https and list it as https://<hostname>.`;
    }
    if (published !== UNKNOWN && !published.some((hostname) => origin === `https://${hostname}`)) {
        const list = published.length > 0 ? `it publishes ${published.join(", ")}` : "it publishes none";
        return ` in prod, but this stack publishes no such hostname through Cloudflare (${list}); prod allows only https://<hostname> of the stack's own records.`;
    }
    return undefined;
}

/** What is wrong with a service's or job's `binaryAuthorization` for prod, as the rest of a message; `undefined` if nothing. */
export function binaryAuthorizationProblem(setting: Props | undefined): string | undefined {
    if (!setting || (setting.useDefault !== true && !setting.policy)) {
        return "deploys any image: set binaryAuthorization.useDefault to true (bilko:binaryAuthorization) so only images Cloud Build built and attested run.";
    }
    if (setting.breakglassJustification) {
        return `breaks glass ("${String(setting.breakglassJustification)}"), which deploys an image the policy would refuse; remove breakglassJustification and deploy an attested image.`;
    }
    return undefined;
}
