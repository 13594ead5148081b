/**
 * The Pulumi side of promotion. A stack reads, through stack references, its upstream's `releasedDigests` (the
 * upstream guard) and its own outputs from its previous successful deployment (the digests it reported running, and
 * the exact revision names of its last rollout, whose template hash may differ from today's).
 *
 * Reading a stack's own outputs is sound because Pulumi (3.112 and later) keeps the outputs of the last run that
 * registered them, and this program registers `releasedDigests` and `rollout` only once every service's deployment
 * succeeded: a failed or refused deployment leaves the previous values in place.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseRolloutState, type RolloutState } from "../components/cloudrun/canary";
import { configuredDigests, parseReleasedDigests, type ReleasedDigests } from "./releases";
import type { StackConfig } from "../config";
import { stackReferenceName } from "./stackNames";
import { checkUpstream, type UpstreamVerdict } from "./upstreamGuard";

/** The organization of every stack on a DIY backend (gs://, s3://, file://). */
const DIY_ORGANIZATION = "organization";

/** `bilko:organization`, else the one the engine runs under. */
export function organizationOf(config: StackConfig): string {
    if (config.organization) {
        return config.organization;
    }
    try {
        return pulumi.getOrganization();
    } catch {
        // The engine always knows its organization; only the mock runtime leaves it unset.
        return DIY_ORGANIZATION;
    }
}

/** This stack's outputs as its previous successful deployment left them. */
export class PreviousDeployment {
    private readonly reference: pulumi.StackReference;

    constructor(config: StackConfig, organization: string) {
        this.reference = new pulumi.StackReference("previous-deployment", {
            name: stackReferenceName(organization, pulumi.getProject(), config.stack),
        });
    }

    /** Undefined before the first deployment that reported any. */
    get releasedDigests(): pulumi.Output<ReleasedDigests | undefined> {
        return this.reference.getOutput("releasedDigests").apply((value: unknown) => {
            if (value === undefined) {
                return undefined;
            }
            const parsed = parseReleasedDigests(value);
            if ("problem" in parsed) {
                void pulumi.log.warn(`this stack's previous releasedDigests output is unusable (${parsed.problem}); reporting only the current digests`);
                return undefined;
            }
            return parsed.digests;
        });
    }

    rollout(service: string): pulumi.Output<RolloutState | undefined> {
        return this.reference.getOutput("rollout").apply((value: unknown) => parseRolloutState((value as Record<string, unknown> | undefined)?.[service]));
    }
}

/** What a stack with `bilko:upstream` adds: the verdict, and a resource that exists only when the verdict allows. */
export interface UpstreamGate {
    verdict: pulumi.Output<UpstreamVerdict>;
    /** Put in `dependsOn` of everything that runs an image: it is never registered when a digest is refused. */
    gate: pulumi.Resource;
}

/**
 * Reads `releasedDigests` of the upstream and checks every configured digest against it. A refusal is a RunError
 * raised while the gate is being registered, so the engine prints the one-line reason and no image is deployed.
 */
export function guardUpstream(config: StackConfig, upstream: string, organization: string): UpstreamGate {
    const name = stackReferenceName(organization, pulumi.getProject(), upstream);
    const reference = new pulumi.StackReference("upstream", { name });
    const digests = configuredDigests(config.services);
    const verdict = reference.getOutput("releasedDigests").apply((upstreamReleased: unknown) =>
        checkUpstream({ file: config.file, stack: config.stack, upstream, digests, releases: config.releases, upstreamReleased }),
    );
    const admitted = verdict.apply((checked): pulumi.Resource[] => {
        if (checked.refusal) {
            throw new pulumi.RunError(checked.refusal);
        }
        return [];
    });
    // The gate is a second read of the upstream, made only once every digest is admitted. It has to be a custom
    // resource: dependents wait for those to register, while a component without children holds nothing back.
    return { verdict, gate: new pulumi.StackReference("upstream-guard", { name }, { dependsOn: admitted }) };
}
