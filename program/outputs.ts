/** What every stack exports: read by downstream stacks, the promotion tools, the pipeline and people. */
import type * as pulumi from "@pulumi/pulumi";
import type { RolloutOutputs } from "../components/cloudrun";
import type { ProgramOutput, ReleasedDigests, ReleasedMigrators, UpstreamVerdict } from "../promotion";

export interface ServiceOutputs {
    image: string;
    digest: string;
    hostname: string;
    url: string;
    /** Digest of the migrator image, for a service with migrations. */
    migrator?: string;
}

export interface EnvironmentOutputs {
    environment: string;
    registryUrl: string;
    services: Record<string, ServiceOutputs>;
    /** CORS_ORIGINS of every service that has any, by service. */
    corsOrigins: Record<string, string[]>;
    database: { instance: string; connectionName: string; version: string };
    // The three below are Outputs under the engine and plain values once the offline plan has settled them.
    /** Every digest of each service that passed its smoke test here, newest first: what downstream stacks check against. */
    releasedDigests: pulumi.Input<ReleasedDigests>;
    /** The migrator digest that shipped with each released digest, by service. */
    releasedMigrators: pulumi.Input<ReleasedMigrators>;
    /** Canary state of each Cloud Run service (revisions, traffic, test URLs). */
    rollout: Record<string, pulumi.Input<RolloutOutputs>>;
    /** Why each digest may run here, for a stack with `bilko:upstream`. */
    upstreamGuard?: pulumi.Input<UpstreamVerdict>;
    /** The hash of this program and of every program deployed here before (see promotion/programGuard.ts). */
    program: pulumi.Input<ProgramOutput>;
}
