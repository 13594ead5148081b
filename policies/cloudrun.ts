/** Cloud Run v2 services: what runs (pinned, own registry, own identity), with which env, traffic and CORS. */
import type { PolicyResource } from "@pulumi/policy";
import { isPinnedImage } from "../components/registry/images";
import { looksLikeSecretName } from "../components/workload/secretNames";
import { DNS_RECORDS } from "./cloudflare";
import { inProd } from "./support/labels";
import { known, knownItems, matchesType, resourcePolicy, stackPolicy, UNKNOWN, type Props, type Unknown } from "./support/policy";

export const CLOUD_RUN_SERVICE = "gcp:cloudrunv2/service:Service";

const DEFAULT_SERVICE_ACCOUNT = /^(\d+-compute@developer\.gserviceaccount\.com|[^@]+@appspot\.gserviceaccount\.com)$/;
const ARTIFACT_REGISTRY_IMAGE = /^[a-z0-9-]+-docker\.pkg\.dev\/([^/]+)\/[^/]+\/./;

const subject = (name: string) => `Cloud Run service "${name}"`;

function containersOf(props: Props): Props[] {
    const containers = props.template?.containers;
    return Array.isArray(containers) ? containers : [];
}

export const digestImage = resourcePolicy({
    name: "cloudrun-service-enforce-digest-image",
    description: "Cloud Run services run images pinned by digest, so a stack runs exactly the image it was promoted with.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        for (const container of containersOf(props)) {
            if (!isPinnedImage(container.image)) {
                report(
                    `${subject(args.name)} runs image "${container.image}", which is not pinned by digest; ` +
                        `deploy it as <repository path>@sha256:<64 hex digits>, never by tag.`,
                );
            }
        }
    },
});

export const projectRegistryImage = resourcePolicy({
    name: "cloudrun-service-enforce-project-registry-image",
    description: "Cloud Run services run images from the Artifact Registry of their own project, never from a public or foreign registry.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        if (typeof props.project !== "string") {
            args.notApplicable("the service sets no project, so the provider's default project cannot be compared");
        }
        for (const container of containersOf(props)) {
            const imageProject = ARTIFACT_REGISTRY_IMAGE.exec(String(container.image))?.[1];
            if (imageProject !== props.project) {
                report(
                    `${subject(args.name)} runs image "${container.image}", which is not in the Artifact Registry of project ` +
                        `"${props.project}"; push it to <location>-docker.pkg.dev/${props.project}/<repository> and deploy it from there.`,
                );
            }
        }
    },
});

export const dedicatedServiceAccount = resourcePolicy({
    name: "cloudrun-service-disallow-default-service-account",
    description: "Cloud Run services run as a service account of their own, never as the project's default compute identity.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        const account = props.template?.serviceAccount;
        const fix = "create a service account for this service alone and set template.serviceAccount to its email.";
        if (account === undefined || account === null || account === "") {
            report(`${subject(args.name)} runs as the default compute service account (template.serviceAccount is unset); ${fix}`);
        } else if (DEFAULT_SERVICE_ACCOUNT.test(account)) {
            report(`${subject(args.name)} runs as the default service account "${account}"; ${fix}`);
        }
    },
});

export const noPlainSecretEnv = resourcePolicy({
    name: "cloudrun-service-disallow-plain-secret-env",
    description: "Cloud Run environment variables that look like credentials come from Secret Manager, never as plain values.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        for (const container of containersOf(props)) {
            for (const env of knownItems(container.envs)) {
                if (env === UNKNOWN) {
                    continue;
                }
                const name = known(() => env.name as string);
                // `in` does not read the value: a plain value that is unknown until the update is still a plain value.
                if (typeof name === "string" && looksLikeSecretName(name) && "value" in env) {
                    report(
                        `${subject(args.name)} sets ${name}, which looks like a credential, as a plain value; ` +
                            `store it in Secret Manager and reference it with valueSource.secretKeyRef.`,
                    );
                }
            }
        }
    },
});

export const fullTraffic = resourcePolicy({
    name: "cloudrun-service-enforce-traffic-total",
    description: "The traffic percentages of a Cloud Run service add up to exactly 100.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        const traffics: Props[] = Array.isArray(props.traffics) ? props.traffics : [];
        if (traffics.length === 0) {
            return; // Cloud Run then sends all traffic to the latest revision.
        }
        const percents = traffics.map((target) => (typeof target.percent === "number" ? target.percent : 0));
        const total = percents.reduce((sum, percent) => sum + percent, 0);
        if (total !== 100) {
            const fix = total < 100 ? `give the remaining ${100 - total}% to a revision` : `take ${total - 100}% away from the targets`;
            report(`${subject(args.name)} assigns ${total}% of its traffic (${percents.join(" + ")}); the traffics percentages must add up to exactly 100: ${fix}.`);
        }
    },
});

export const prodDeletionProtection = resourcePolicy({
    name: "cloudrun-service-enable-deletion-protection",
    description: "Cloud Run services labelled environment=prod keep deletion protection on.",
    enforcementLevel: "mandatory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        // Unset means protected: the provider refuses to delete unless the flag is explicitly false.
        if (inProd(args.type, props) && props.deletionProtection === false) {
            report(`${subject(args.name)} is labelled environment=prod but has deletionProtection: false; set it to true so no update can delete the production service.`);
        }
    },
});

export const startupProbe = resourcePolicy({
    name: "cloudrun-service-missing-startup-probe",
    description: "Cloud Run containers declare a startup probe, so a revision takes traffic only once the application answers.",
    enforcementLevel: "advisory",
    types: [CLOUD_RUN_SERVICE],
    check: (props, args, report) => {
        containersOf(props).forEach((container, index) => {
            if (!container.startupProbe) {
                const which = typeof container.name === "string" ? `"${container.name}"` : `#${index + 1}`;
                report(`${subject(args.name)} has no startup probe on container ${which}; add startupProbe with an HTTP check of the health path.`);
            }
        });
    },
});

export const corsOrigins = stackPolicy({
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

function corsOriginsOf(props: Props): string[] {
    const envs = containersOf(props).flatMap((container) => (Array.isArray(container.envs) ? (container.envs as Props[]) : []));
    const cors = envs.find((env) => env.name === "CORS_ORIGINS");
    return typeof cors?.value === "string" ? cors.value.split(",").map((origin: string) => origin.trim()).filter(Boolean) : [];
}

/** Hostnames of the stack's Cloudflare records, or `UNKNOWN` if any of them is not known yet. */
function publishedHostnames(resources: PolicyResource[]): string[] | Unknown {
    const names = resources
        .filter((resource) => matchesType(DNS_RECORDS, resource.type))
        .map((record) => known(() => record.props.name as string));
    return names.includes(UNKNOWN) ? UNKNOWN : (names as string[]);
}

/** Why `origin` is refused, as the rest of the message after the origin; `undefined` when it is allowed. */
function originProblem(origin: string, prod: boolean | Unknown, published: string[] | Unknown): string | undefined {
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

/** Every Cloud Run policy, in the order the pack reports them. */
export const cloudRunPolicies = [digestImage, projectRegistryImage, dedicatedServiceAccount, noPlainSecretEnv, fullTraffic, prodDeletionProtection, startupProbe, corsOrigins];
