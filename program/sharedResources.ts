/** What the stack with `bilko:sharedResources: true` owns for every stack: the registry and the delivery pipeline. */
import type * as pulumi from "@pulumi/pulumi";
import { Notifications } from "../components/notifications";
import { DeliveryPipeline, deployAccountMember } from "../components/pipeline";
import { ArtifactRegistry, registryUrl } from "../components/registry";
import { ENVIRONMENTS, projectDir, secretsKeyOf, stacksOnKubernetes, stateBucketOf, type StackConfig } from "../config";
import type { Labels } from "./labels";

export interface SharedResources {
    /** `<location>-docker.pkg.dev/<project>/<repository>`: where every image of every stack comes from. */
    registry: string;
    /** Who runs `pulumi up` here: the build account in the stack that owns the pipeline, the deploy account elsewhere. */
    deployer: pulumi.Input<string>;
}

export function declareSharedResources(config: StackConfig, app: string, labels: Labels): SharedResources {
    const { project, region } = config;
    const sharedRegistry = config.sharedResources
        ? new ArtifactRegistry("registry", { project, location: config.registry.location, repository: config.registry.repository, labels, adopt: config.registry.adopt !== undefined })
        : undefined;
    const registry = sharedRegistry?.url ?? registryUrl(config.registry.location, project, config.registry.repository);
    const pipeline = config.pipeline
        ? new DeliveryPipeline("pipeline", {
              project,
              region,
              app,
              stack: config.environment,
              stacks: ENVIRONMENTS,
              source: { github: config.pipeline.github, repository: config.pipeline.repository },
              stateBackend: config.pipeline.stateBackend,
              secretsProvider: config.pipeline.secretsProvider,
              // The config rules refuse a pipeline whose backend or secrets provider names no bucket or key.
              stateBucket: stateBucketOf(config.pipeline.stateBackend)!,
              secretsKey: secretsKeyOf(config.pipeline.secretsProvider)!,
              builders: config.pipeline.builders,
              dockerHubCache: config.pipeline.dockerHubCache,
              registry: { ...config.registry, url: registry },
              services: config.services,
              migrator: config.pipeline.migrator,
              kubernetesStacks: kubernetesStacks(config),
              drift: config.notifications?.drift,
              labels,
              waitFor: sharedRegistry ? [sharedRegistry] : [],
          })
        : undefined;
    if (pipeline && config.notifications) {
        const { notifier, slack, alertEmail, adoptTopic } = config.notifications;
        new Notifications("notifications", {
            project,
            region,
            app,
            notifierImage: notifier,
            registryLocation: config.registry.location,
            webhookSecrets: slack,
            alertEmail,
            adoptTopic,
            triggerIds: pipeline.triggers.map((trigger) => trigger.triggerId),
            readers: [pipeline.accounts.preview.member],
            labels,
        });
    }
    return { registry, deployer: pipeline?.deployer ?? deployAccountMember(app, project) };
}

/** Stacks with services on Kubernetes: this one from its own config, the others from their files. */
function kubernetesStacks(config: StackConfig): string[] {
    const others = stacksOnKubernetes(projectDir()).filter((stack) => stack !== config.stack);
    const own = Object.values(config.services).some((service) => service.runtime === "kubernetes") ? [config.stack] : [];
    return ENVIRONMENTS.filter((stack) => own.includes(stack) || others.includes(stack));
}
