/**
 * What every stack declares about delivery: the stack with `bilko:sharedResources: true` owns the registry and the
 * build and preview pipeline; every other stack owns the account and trigger that deploy it, in its own project.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Notifications } from "../components/notifications";
import { DeliveryPipeline, deployAccountMember, StackDeployer } from "../components/pipeline";
import { ArtifactRegistry, registryUrl } from "../components/registry";
import { ENVIRONMENTS, projectDir, runsOnKubernetes, secretsKeyOf, stacksOnKubernetes, stateBucketOf, type NotificationsConfig, type SharedStack, type StackConfig } from "../config";
import type { Labels } from "./labels";

export interface SharedResources {
    /** `<location>-docker.pkg.dev/<project>/<repository>`: where every image of every stack comes from. */
    registry: string;
    /** Who runs `pulumi up` here: the build account in the stack that owns the pipeline, the stack's deployer elsewhere. */
    deployer: pulumi.Input<string>;
}

/** The project of the registry every stack pulls from: `bilko:registry.project`, else the stack's own. */
export function registryProject(config: Pick<StackConfig, "registry" | "project">): string {
    return config.registry.project ?? config.project;
}

export function declareSharedResources(config: StackConfig, app: string, labels: Labels): SharedResources {
    const { project, region } = config;
    const imagesProject = registryProject(config);
    const sharedRegistry = config.sharedResources
        ? new ArtifactRegistry("registry", { project: imagesProject, location: config.registry.location, repository: config.registry.repository, labels, adopt: config.registry.adopt !== undefined })
        : undefined;
    const registry = sharedRegistry?.url ?? registryUrl(config.registry.location, imagesProject, config.registry.repository);
    if (config.pipeline) {
        const pipeline = new DeliveryPipeline("pipeline", {
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
            registry: { ...config.registry, project: imagesProject, url: registry },
            services: config.services,
            migrator: config.pipeline.migrator,
            kubernetesStacks: kubernetesStacks(config),
            network: config.network !== undefined,
            drift: config.notifications?.drift,
            notifications: config.notifications !== undefined,
            labels,
            waitFor: sharedRegistry ? [sharedRegistry] : [],
        });
        if (config.notifications) {
            declareNotifications(config, config.notifications, app, labels, pipeline);
        }
        return { registry, deployer: pipeline.deployer };
    }
    if (config.shared && config.upstream) {
        new StackDeployer("deployer", deployerArgs(config, config.shared, app, imagesProject));
    }
    return { registry, deployer: deployAccountMember(app, project, config.stack) };
}

function deployerArgs(config: StackConfig, shared: SharedStack, app: string, imagesProject: string) {
    return {
        project: config.project,
        region: config.region,
        app,
        stack: config.stack,
        upstream: config.upstream!,
        pipelineProject: shared.project,
        source: { github: shared.pipeline.github, repository: shared.pipeline.repository },
        stateBackend: shared.pipeline.stateBackend,
        stateBucket: stateBucketOf(shared.pipeline.stateBackend)!,
        secretsProvider: shared.pipeline.secretsProvider,
        secretsKey: secretsKeyOf(shared.pipeline.secretsProvider)!,
        builders: shared.pipeline.builders,
        dockerHubCache: shared.pipeline.dockerHubCache,
        registry: { project: imagesProject, location: config.registry.location, repository: config.registry.repository },
        kubernetes: runsOnKubernetes(config),
        network: config.network !== undefined,
        drift: shared.drift,
    };
}

function declareNotifications(config: StackConfig, notifications: NotificationsConfig, app: string, labels: Labels, pipeline: DeliveryPipeline): void {
    const { notifier, slack, alertEmail, adoptTopic } = notifications;
    new Notifications("notifications", {
        project: config.project,
        region: config.region,
        app,
        notifierImage: notifier,
        registryLocation: config.registry.location,
        webhookSecrets: slack,
        alertEmail,
        adoptTopic,
        triggerIds: pipeline.triggers.map((trigger) => trigger.triggerId),
        deployer: pipeline.deployer,
        readers: [pipeline.accounts.preview.member],
        labels,
    });
}

/** Stacks with services on Kubernetes: this one from its own config, the others from their files. */
function kubernetesStacks(config: StackConfig): string[] {
    const others = stacksOnKubernetes(config.directory ?? projectDir()).filter((stack) => stack !== config.stack);
    const own = runsOnKubernetes(config) ? [config.stack] : [];
    return ENVIRONMENTS.filter((stack) => own.includes(stack) || others.includes(stack));
}
