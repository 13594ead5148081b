/**
 * The Pulumi side of promotion. A stack reads, through stack references, its upstream's `releasedDigests` and
 * `program` (the upstream guard) and its own outputs from its previous successful deployment (the digests and
 * programs it released, and which migrator shipped with each digest).
 *
 * Reading a stack's own outputs is sound because Pulumi (3.112 and later) keeps the outputs of the last run that
 * registered them, and this program registers them only once every service's deployment succeeded: a failed or
 * refused deployment leaves the previous values in place.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkProgram, parseProgramOutput, type ProgramOutput, type ProgramVerdict } from "./programGuard";
import { configuredDigests, parseReleasedDigests, parseReleasedMigrators, type ReleasedDigests, type ReleasedMigrators } from "./releases";
import { staleDigestRefusal, staleDigests } from "./runningDigests";
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
    readonly name: string;
    private readonly reference: pulumi.StackReference;

    constructor(config: StackConfig, organization: string) {
        this.name = stackReferenceName(organization, pulumi.getProject(), config.stack);
        this.reference = new pulumi.StackReference("previous-deployment", { name: this.name });
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

    get releasedMigrators(): pulumi.Output<ReleasedMigrators | undefined> {
        return this.reference.getOutput("releasedMigrators").apply(parseReleasedMigrators);
    }

    get program(): pulumi.Output<ProgramOutput | undefined> {
        return this.reference.getOutput("program").apply(parseProgramOutput);
    }
}

/** What a stack with `bilko:upstream` adds: the verdict, and a resource that exists only when the verdict allows. */
export interface UpstreamGate {
    verdict: pulumi.Output<UpstreamVerdict>;
    /** Put in `dependsOn` of everything that runs an image: it is never registered when a digest is refused. */
    gate: pulumi.Resource;
}

/**
 * A resource that registers only once every refusal resolved to none. A refusal is a RunError raised while the gate
 * is being registered, so the engine prints the one-line reason and nothing that depends on the gate is deployed. It
 * has to be a custom resource (a second read of a stack reference): dependents wait for those to register, while a
 * component without children holds nothing back.
 */
function gateOn(name: string, referenceName: string, refusal: pulumi.Output<string | undefined>): pulumi.Resource {
    const admitted = refusal.apply((reason): pulumi.Resource[] => {
        if (reason) {
            throw new pulumi.RunError(reason);
        }
        return [];
    });
    return new pulumi.StackReference(name, { name: referenceName }, { dependsOn: admitted });
}

/**
 * In an update, a program the upstream never deployed is refused with the digests; a preview (a pull request's code
 * has run nowhere yet) only warns, so reviewers still see the diff.
 */
function withProgram(services: UpstreamVerdict, program: ProgramVerdict, dryRun: boolean): UpstreamVerdict {
    if (program.problem && dryRun) {
        void pulumi.log.warn(`${program.problem} (pulumi up refuses this)`);
    }
    const refusals = [services.refusal, dryRun ? undefined : program.problem].filter((reason): reason is string => reason !== undefined);
    return { ...services, program, ...(refusals.length > 0 ? { refusal: refusals.join("; and ") } : {}) };
}

/**
 * Reads `releasedDigests` and `program` of the upstream and checks every configured digest, and this program, against
 * them.
 */
export function guardUpstream(config: StackConfig, upstream: string, organization: string, programHash: string): UpstreamGate {
    const name = stackReferenceName(organization, pulumi.getProject(), upstream);
    const reference = new pulumi.StackReference("upstream", { name });
    const digests = configuredDigests(config.services);
    const services = reference.getOutput("releasedDigests").apply((upstreamReleased: unknown) =>
        checkUpstream({ file: config.file, stack: config.stack, upstream, digests, releases: config.releases, upstreamReleased }),
    );
    const program = reference.getOutput("program").apply((upstreamProgram: unknown) => checkProgram({ file: config.file, upstream, hash: programHash, upstreamProgram }));
    const verdict = pulumi.all([services, program]).apply(([checked, ran]) => withProgram(checked, ran, pulumi.runtime.isDryRun()));
    return { verdict, gate: gateOn("upstream-guard", name, verdict.apply((checked) => checked.refusal)) };
}

/**
 * For a stack without upstream (its digests come from the build): refuses, in an update, a configured digest older
 * than the one the stack runs; a preview warns. See runningDigests.ts.
 */
export function guardRunningDigests(config: StackConfig, previous: PreviousDeployment): pulumi.Resource {
    const refusal = previous.releasedDigests.apply((released) => {
        const reason = staleDigestRefusal(config.file, config.stack, staleDigests({ digests: configuredDigests(config.services), released, releases: config.releases }));
        if (reason && pulumi.runtime.isDryRun()) {
            void pulumi.log.warn(`${reason} (pulumi up refuses this)`);
            return undefined;
        }
        return reason;
    });
    return gateOn("running-digests-guard", previous.name, refusal);
}
