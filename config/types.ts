/** The typed configuration of one stack, as `parseStackConfig` returns it. */
import type { EdgeConfig, Environment, KubernetesConfig, NetworkConfig, NotificationsConfig, PipelineConfig, PostgresConfig, RawConfig, Release, ServiceConfig, ServiceSmokeConfig } from "./schema";

export interface StackConfig {
    /** Stack name, and the file the values came from (used in every error message). */
    stack: string;
    file: string;
    project: string;
    region: string;
    environment: Environment;
    upstream?: string;
    organization?: string;
    sharedResources: boolean;
    registry: RawConfig["bilko:registry"];
    postgres: PostgresConfig;
    dns: RawConfig["bilko:dns"];
    services: Record<string, ServiceConfig>;
    /** How the hostnames reach the services (`bilko:edge`). */
    edge: EdgeConfig;
    rollout: RawConfig["bilko:rollout"];
    promotion: RawConfig["bilko:promotion"];
    releases: Release[];
    pipeline?: PipelineConfig;
    kubernetes?: KubernetesConfig;
    /** The VPC of a private database and of the services' Direct VPC egress (`bilko:network`). */
    network?: NetworkConfig;
    /** Services and jobs run only images attested as built by the pipeline (`bilko:binaryAuthorization`). */
    binaryAuthorization: boolean;
    /** Smoke checks by service (`bilko:smoke`). */
    smoke: Record<string, ServiceSmokeConfig>;
    /** Digests whose smoke test passed in this pipeline run (`bilko:smokePassed`, written by the pipeline only). */
    smokePassed: Record<string, string>;
    /** Slack notifications, alerting and drift checks (`bilko:notifications`), with the pipeline only. */
    notifications?: NotificationsConfig;
    /** Where the other stacks' files are: the project directory, or a fixture's (set by `loadStackConfig`). */
    directory?: string;
    /** The stack that owns the pipeline, for a promoted stack's deploy trigger (set by `loadStackConfig`). */
    shared?: SharedStack;
}

export interface StackIdentity {
    /** Stack name, e.g. `prod`. */
    stack: string;
    /** File named in error messages; defaults to `Pulumi.<stack>.yaml`. */
    file?: string;
    /** Stacks that exist in the project, for checking `bilko:upstream`. */
    knownStacks: readonly string[];
    /** Where the stack file holds `secure:` values (`bilko:services.api.env.SMTP_PASS`), or the top-level keys holding any. */
    securePaths?: readonly string[];
}

/** The stack that owns the pipeline, as a promoted stack's deploy trigger needs it (config/sharedStack.ts). */
export interface SharedStack {
    stack: string;
    /** The file it was read from, named in messages. */
    file: string;
    /** The pipeline's project: its build and preview accounts, its triggers and the Docker Hub cache are there. */
    project: string;
    region: string;
    registry: StackConfig["registry"];
    pipeline: PipelineConfig;
    /** The shared stack runs daily drift checks of every stack (`bilko:notifications.drift`). */
    drift: boolean;
}
