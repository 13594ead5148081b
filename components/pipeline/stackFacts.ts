/**
 * What the deploy steps need to know about a stack, read from the stack file of the commit being deployed (a
 * promotion that changes a hostname is smoke-tested at the new one). `tools/pipelineFacts.ts` prints these.
 */
import { isDigest } from "../registry/images";
import { serviceDigestKey, type StackConfig } from "../../config";
import { cloudRunMigrationServices, migrationJobName, migrationTargetUrns } from "../migrations/names";

export const FACTS = ["health-urls", "smoke-urls", "migration-jobs", "migration-targets", "previous-digests"] as const;
export type Fact = (typeof FACTS)[number];

/** `https://<hostname><healthPath>` of every service. */
export function healthUrls(config: StackConfig): string[] {
    return Object.values(config.services).map((service) => `https://${service.hostname}${service.healthPath}`);
}

/**
 * What the smoke test checks after `pulumi up`, given the stack's `rollout` output: every public health URL, and for
 * a canary (the candidate below 100%) also the candidate revision's own tagged URL, which the public hostname
 * reaches only for a share of requests.
 */
export function smokeUrls(config: StackConfig, rolloutOutput: unknown): string[] {
    const rollout = (typeof rolloutOutput === "object" && rolloutOutput !== null ? rolloutOutput : {}) as Record<string, CanaryOutput | undefined>;
    return Object.entries(config.services).flatMap(([name, service]) => {
        const candidate = rollout[name];
        const candidateUrl = candidate?.testUrls?.candidate;
        const canary = typeof candidate?.candidatePercent === "number" && candidate.candidatePercent < 100 && typeof candidateUrl === "string";
        return [`https://${service.hostname}${service.healthPath}`, ...(canary ? [`${candidateUrl}${service.healthPath}`] : [])];
    });
}

interface CanaryOutput {
    candidatePercent?: unknown;
    testUrls?: { candidate?: unknown };
}

/** `<job> <region> <project>` of every migrations job, for `gcloud run jobs execute`. */
export function migrationJobs(app: string, config: StackConfig): string[] {
    return cloudRunMigrationServices(config.services).map((service) => `${migrationJobName(app, config.environment, service)} ${config.region} ${config.project}`);
}

export function migrationTargets(app: string, config: StackConfig): string[] {
    return cloudRunMigrationServices(config.services).flatMap((service) => migrationTargetUrns(config.stack, app, service));
}

/**
 * `<config key path> <digest>` per service, from `pulumi stack output services --json`: what the stack runs now,
 * so a failed smoke test can put exactly that back. Entries without a digest are skipped.
 */
export function previousDigests(servicesOutput: unknown): string[] {
    if (typeof servicesOutput !== "object" || servicesOutput === null) {
        throw new Error(`expected the "services" output of the stack (an object by service), got ${JSON.stringify(servicesOutput)}`);
    }
    return Object.entries(servicesOutput as Record<string, { digest?: unknown }>)
        .filter(([, outputs]) => isDigest(outputs?.digest))
        .map(([service, outputs]) => `${serviceDigestKey(service)} ${String(outputs.digest)}`);
}
