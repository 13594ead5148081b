/**
 * The whole runtime of one stack, declared from a validated `StackConfig`. `index.ts` calls this under the real
 * engine; the offline plan and the tests call it under Pulumi's mock runtime.
 */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { ArtifactRegistry } from "./components/artifactRegistry";
import { CloudRunService } from "./components/cloudRunService";
import { Edge, type EdgeRoute } from "./components/edge";
import { KubernetesCluster } from "./components/kubernetesCluster";
import { KubernetesService } from "./components/kubernetesService";
import { Postgres } from "./components/postgres";
import { corsOrigins } from "./lib/cors";
import { pinnedImage, registryUrl } from "./lib/images";
import { serviceLabels, stackLabels } from "./lib/labels";
import { decodePulumiConfig, ENVIRONMENTS, parseStackConfig, StackConfigError, type StackConfig } from "./lib/stackConfig";

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
}

/** Stacks of this project (one `Pulumi.<stack>.yaml` each), in promotion order: stage, demo, prod, then others. */
export function projectStacks(directory: string): string[] {
    const rank = (stack: string) => {
        const index = (ENVIRONMENTS as readonly string[]).indexOf(stack);
        return index === -1 ? ENVIRONMENTS.length : index;
    };
    return fs
        .readdirSync(directory)
        .map((file) => /^Pulumi\.([^.]+)\.ya?ml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Reads and validates the running stack's configuration; invalid config stops the program before any resource. */
export function loadStackConfig(options: { file?: string; knownStacks?: string[] } = {}): StackConfig {
    const stack = pulumi.getStack();
    const knownStacks = options.knownStacks ?? projectStacks(process.cwd());
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

    const registry = config.sharedResources
        ? new ArtifactRegistry("registry", { project, location: config.registry.location, repository: config.registry.repository, labels }).url
        : registryUrl(config.registry.location, project, config.registry.repository);

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
                waitFor: [...cluster!.ready, ...(service.database ? [postgres] : [])],
            });
            return { kind: "ingress", hostname: service.hostname, address: workload.address };
        }
        const cloudRun = new CloudRunService(name, { ...common, region, waitFor: service.database ? [postgres] : [] });
        return { kind: "cloudrun", hostname: service.hostname, serviceName: cloudRun.serviceName, service: cloudRun };
    });

    new Edge("edge", { project, region, zoneId: config.dns.zoneId, proxied: config.dns.proxied, routes, labels });

    return {
        environment,
        registryUrl: registry,
        services,
        corsOrigins: origins,
        database: { instance: config.postgres.instanceName, connectionName: postgres.connectionName, version: config.postgres.version },
    };
}
