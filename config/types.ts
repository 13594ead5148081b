/** The typed configuration of one stack, as `parseStackConfig` returns it. */
import type { EdgeConfig, Environment, KubernetesConfig, NotificationsConfig, PipelineConfig, PostgresConfig, RawConfig, Release, ServiceConfig, ServiceSmokeConfig } from "./schema";

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
    /** Smoke checks by service (`bilko:smoke`). */
    smoke: Record<string, ServiceSmokeConfig>;
    /** Digests whose smoke test passed in this pipeline run (`bilko:smokePassed`, written by the pipeline only). */
    smokePassed: Record<string, string>;
    /** Slack notifications, alerting and drift checks (`bilko:notifications`), with the pipeline only. */
    notifications?: NotificationsConfig;
}

export interface StackIdentity {
    /** Stack name, e.g. `prod`. */
    stack: string;
    /** File named in error messages; defaults to `Pulumi.<stack>.yaml`. */
    file?: string;
    /** Stacks that exist in the project, for checking `bilko:upstream`. */
    knownStacks: readonly string[];
}
