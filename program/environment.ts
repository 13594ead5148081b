/**
 * The whole runtime of one stack, declared from a validated `StackConfig`. `index.ts` calls this under the real
 * engine; the offline plan and the tests call it under Pulumi's mock runtime.
 */
import * as pulumi from "@pulumi/pulumi";
import { ArtifactRegistry } from "../components/registry/artifactRegistry";
import { CloudRunService, type RolloutOutputs } from "../components/cloudrun/cloudRunService";
import { DeliveryPipeline } from "../components/pipeline/deliveryPipeline";
import { Edge, type EdgeRoute } from "../components/edge/edge";
import { KubernetesCluster } from "../components/kubernetes/cluster";
import { KubernetesService } from "../components/kubernetes/service";
import { MigrationJob } from "../components/migrations/migrationJob";
import { Postgres } from "../components/cloudsql/postgres";
import { requestedCandidatePercent } from "../components/cloudrun/canary";
import { corsOrigins } from "../components/edge/cors";
import { pinnedImage, registryUrl } from "../components/registry/images";
import { serviceLabels, stackLabels } from "./labels";
import { deployAccountMember } from "../components/pipeline/identities";
import { cloudRunMigrationServices, migrationComponentName } from "../components/migrations/names";
import { configuredDigests, releasedDigests, type ReleasedDigests } from "../promotion/releases";
import { decodePulumiConfig, parseStackConfig, projectStacks, StackConfigError, type StackConfig } from "../config";
import type { UpstreamVerdict } from "../promotion/upstreamGuard";
import { guardUpstream, organizationOf, PreviousDeployment } from "../promotion/stackReferences";

export interface ServiceOutputs {
    image: string;
    digest: string;
    hostname: string;
    url: string;
}

export interface EnvironmentOutputs {
    environment: string;
    registryUrl: string;
    services: Record<string, ServiceOutputs>;
    /** CORS_ORIGINS of every service that has any, by service. */
    corsOrigins: Record<string, string[]>;
    database: { instance: string; connectionName: string; version: string };
    // The three below are Outputs under the engine and plain values once the offline plan has settled them.
    /** Every digest each service ran in this stack, newest first: what downstream stacks check against. */
    releasedDigests: pulumi.Input<ReleasedDigests>;
    /** Canary state of each Cloud Run service (revisions, traffic, test URLs). */
    rollout: Record<string, pulumi.Input<RolloutOutputs>>;
    /** Why each digest may run here, for a stack with `bilko:upstream`. */
    upstreamGuard?: pulumi.Input<UpstreamVerdict>;
}

/** Reads and validates the running stack's configuration; invalid config stops the program before any resource. */
export function loadStackConfig(options: { file?: string; knownStacks?: string[] } = {}): StackConfig {
    const stack = pulumi.getStack();
    const knownStacks = options.knownStacks ?? projectStacks();
    try {
        return parseStackConfig(decodePulumiConfig(pulumi.runtime.allConfig()), { stack, file: options.file, knownStacks });
    } catch (error) {
        // RunError prints just the message: the one line naming file and key is the whole story.
        throw error instanceof StackConfigError ? new pulumi.RunError(error.message) : error;
    }
}

export function declareEnvironment(config: StackConfig): EnvironmentOutputs {
    const app = pulumi.getProject();
    const { project, region, environment } = config;
    const labels = stackLabels(app, environment);

    const sharedRegistry = config.sharedResources
        ? new ArtifactRegistry("registry", { project, location: config.registry.location, repository: config.registry.repository, labels })
        : undefined;
    const registry = sharedRegistry?.url ?? registryUrl(config.registry.location, project, config.registry.repository);

    const pipeline = config.pipeline
        ? new DeliveryPipeline("pipeline", {
              project,
              region,
              app,
              stack: environment,
              pipeline: config.pipeline,
              registry: { ...config.registry, url: registry },
              services: config.services,
              waitFor: sharedRegistry ? [sharedRegistry] : [],
          })
        : undefined;
    /** Who runs `pulumi up` here: the build account in the stack that owns the pipeline, the deploy account elsewhere. */
    const deployer = pipeline?.deployer ?? deployAccountMember(app, project);

    const postgres = new Postgres("database", { project, region, config: config.postgres, labels });
    const database = {
        instanceName: config.postgres.instanceName,
        connectionName: postgres.connectionName,
        databaseName: postgres.databaseName,
        user: postgres.user,
        passwordSecretId: postgres.passwordSecretId,
        passwordSecretVersion: postgres.passwordSecretVersion,
    };

    const cluster = config.kubernetes && Object.values(config.services).some((service) => service.runtime === "kubernetes")
        ? new KubernetesCluster("kubernetes", { project, app, environment, config: config.kubernetes })
        : undefined;

    const organization = organizationOf(config);
    const previous = new PreviousDeployment(config, organization);
    const upstream = config.upstream ? guardUpstream(config, config.upstream, organization) : undefined;
    const gate = upstream ? [upstream.gate] : [];
    /** Resolves per service once its deployment succeeded. */
    const deployed: pulumi.Output<unknown>[] = [];
    const rollout: Record<string, pulumi.Input<RolloutOutputs>> = {};

    const services: Record<string, ServiceOutputs> = {};
    const origins: Record<string, string[]> = {};
    const routes = Object.entries(config.services).map(([name, service]): EdgeRoute => {
        const image = pinnedImage(registry, name, service.digest);
        const serviceOrigins = corsOrigins(config.services, name);
        const common = {
            project,
            app,
            environment,
            service: name,
            config: service,
            image,
            corsOrigins: serviceOrigins,
            database: service.database ? database : undefined,
            labels: serviceLabels(app, environment, name, service.public),
        };
        services[name] = { image, digest: service.digest, hostname: service.hostname, url: `https://${service.hostname}` };
        if (serviceOrigins.length > 0) {
            origins[name] = serviceOrigins;
        }
        if (service.runtime === "kubernetes") {
            const workload = new KubernetesService(name, {
                ...common,
                namespace: cluster!.namespace,
                provider: cluster!.provider,
                sqlProxyImage: config.kubernetes?.sqlProxyImage,
                waitFor: [...cluster!.ready, ...(service.database ? [postgres] : []), ...gate],
            });
            deployed.push(workload.deployment.id);
            return { kind: "ingress", hostname: service.hostname, address: workload.address };
        }
        const cloudRun = new CloudRunService(name, {
            ...common,
            region,
            waitFor: [...(service.database ? [postgres] : []), ...gate],
            deployer,
            rollout: {
                requestedPercent: requestedCandidatePercent(name, service.digest, config.releases, config.rollout.canaryPercent),
                previous: previous.rollout(name),
            },
        });
        rollout[name] = cloudRun.rollout;
        deployed.push(cloudRun.rollout);
        return { kind: "cloudrun", hostname: service.hostname, serviceName: cloudRun.serviceName, service: cloudRun };
    });

    new Edge("edge", { project, region, zoneId: config.dns.zoneId, proxied: config.dns.proxied, routes, labels });
    for (const name of cloudRunMigrationServices(config.services)) {
        const { command, args } = config.services[name].migrations!;
        new MigrationJob(migrationComponentName(name), {
            project,
            region,
            app,
            environment,
            service: name,
            image: services[name].image,
            command,
            args,
            database,
            deployer,
            labels: { ...labels, service: name },
            waitFor: [postgres, ...gate],
        });
    }

    return {
        environment,
        registryUrl: registry,
        services,
        corsOrigins: origins,
        database: { instance: config.postgres.instanceName, connectionName: postgres.connectionName, version: config.postgres.version },
        releasedDigests: pulumi.all([previous.releasedDigests, ...deployed]).apply(([history]) =>
            releasedDigests({ current: configuredDigests(config.services), previous: history, releases: config.releases }),
        ),
        rollout,
        upstreamGuard: upstream?.verdict,
    };
}
