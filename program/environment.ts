/**
 * The whole runtime of one stack, declared from a validated `StackConfig`. `index.ts` calls this under the real
 * engine; the offline plan and the tests call it under Pulumi's mock runtime. This is where config becomes each
 * component's own arguments; no component reads the stack config itself.
 */
import * as pulumi from "@pulumi/pulumi";
import { CloudRunService, type RolloutOutputs } from "../components/cloudrun";
import { Postgres } from "../components/cloudsql";
import type { ArmorPolicy } from "../components/armor";
import { corsOrigins, type EdgeRoute } from "../components/edge";
import { KubernetesCluster, KubernetesService } from "../components/kubernetes";
import { cloudRunMigrationServices, migrationComponentName, MigrationJob, migratorImage } from "../components/migrations";
import { PrivateNetwork } from "../components/network";
import { pinnedImage } from "../components/registry";
import { AdoptedSecrets } from "../components/secrets";
import type { DatabaseBinding } from "../components/workload";
import { runsOnKubernetes, type KubernetesConfig, type ServiceConfig, type StackConfig } from "../config";
import {
    configuredDigests,
    configuredMigrators,
    currentProgramHash,
    guardRunningDigests,
    guardUpstream,
    organizationOf,
    PreviousDeployment,
    programHistory,
    releasedDigests,
    releasedMigrators,
    requestedCandidatePercent,
} from "../promotion";
import { adoptedSecretIds, edgeAdoption, postgresArgs } from "./adoption";
import { cloudRunIngress, declareEdge, serviceArmor } from "./edge";
import { serviceLabels, stackLabels } from "./labels";
import type { EnvironmentOutputs, ServiceOutputs } from "./outputs";
import { declareSharedResources } from "./sharedResources";
import { declareSupplyChain } from "./supplyChain";

export function declareEnvironment(config: StackConfig): EnvironmentOutputs {
    const app = pulumi.getProject();
    const { project, region, environment } = config;
    const labels = stackLabels(app, environment);
    const { registry, deployer } = declareSharedResources(config, app, labels);
    const supplyChain = declareSupplyChain(config);

    const network = config.network ? new PrivateNetwork("network", { project, region, ...config.network }) : undefined;
    const vpcEgress = network && { network: network.network.id, subnetwork: network.subnetwork.id };
    const postgres = new Postgres("database", {
        ...postgresArgs(config, labels),
        privateNetwork: network?.network.id,
        waitFor: network ? [network.serviceConnection] : [],
    });
    const database: DatabaseBinding = {
        instanceName: config.postgres.instanceName,
        connectionName: postgres.connectionName,
        databaseName: postgres.databaseName,
        user: postgres.user,
        passwordSecret: postgres.passwordSecret,
        urlSecret: postgres.connectionUrlSecret,
        privateAddress: postgres.privateIp,
    };
    const secretIds = adoptedSecretIds(config);
    if (secretIds.length > 0) {
        new AdoptedSecrets("secrets", { project, secretIds, labels });
    }

    const cluster =
        config.kubernetes && runsOnKubernetes(config)
            ? new KubernetesCluster("kubernetes", { project, app, environment, ...clusterArgs(config.kubernetes) })
            : undefined;

    const organization = organizationOf(config);
    const programHash = currentProgramHash();
    const previous = new PreviousDeployment(config, organization);
    const upstream = config.upstream ? guardUpstream(config, config.upstream, organization, programHash) : undefined;
    // Digests enter a stack without upstream from its build: the file may lag, and must not roll it back silently.
    const gate = upstream ? [upstream.gate] : [guardRunningDigests(config, previous)];
    /** Resolves per service once its deployment succeeded. */
    const deployed: pulumi.Output<unknown>[] = [];
    const rollout: Record<string, pulumi.Input<RolloutOutputs>> = {};

    const services: Record<string, ServiceOutputs> = {};
    const origins: Record<string, string[]> = {};
    const armor: Record<string, ArmorPolicy> = {};
    const routes = Object.entries(config.services).map(([name, service]): EdgeRoute => {
        const image = pinnedImage(registry, name, service.digest);
        const serviceOrigins = corsOrigins(config.services, name);
        const common = {
            ...workloadArgs(name, service),
            project,
            app,
            environment,
            image,
            corsOrigins: serviceOrigins,
            database: service.database ? database : undefined,
            labels: serviceLabels(app, environment, name, service.public),
        };
        services[name] = {
            image,
            digest: service.digest,
            hostname: service.hostname,
            url: `https://${service.hostname}`,
            ...(service.migrations ? { migrator: service.migrations.digest } : {}),
        };
        if (serviceOrigins.length > 0) {
            origins[name] = serviceOrigins;
        }
        const serviceArmorPolicy = serviceArmor(config, { app, labels }, name);
        if (serviceArmorPolicy) {
            armor[name] = serviceArmorPolicy;
        }
        if (service.runtime === "kubernetes") {
            const workload = new KubernetesService(name, {
                ...common,
                namespace: cluster!.namespace,
                provider: cluster!.provider,
                sqlProxyImage: config.kubernetes?.sqlProxyImage,
                replicas: service.replicas,
                migrations: service.migrations ? { image: migratorImage(registry, name, service.migrations.digest) } : undefined,
                deployer,
                waitFor: [...cluster!.ready, ...(service.database ? [postgres] : []), ...gate],
                securityPolicy: serviceArmorPolicy?.policyName,
            });
            deployed.push(workload.deployment.id);
            return { kind: "ingress", hostname: service.hostname, address: workload.address, adopt: edgeAdoption(service) };
        }
        const cloudRun = new CloudRunService(name, {
            ...common,
            region,
            public: service.public,
            minInstances: service.minInstances,
            maxInstances: service.maxInstances,
            ingress: cloudRunIngress(config),
            adopt: service.adopt.service,
            waitFor: [...(service.database ? [postgres] : []), ...supplyChain.waitFor, ...gate],
            deployer,
            vpcEgress,
            binaryAuthorization: supplyChain.binaryAuthorization,
            rollout: { requestedPercent: requestedCandidatePercent(name, service.digest, config.releases, config.rollout.canaryPercent) },
        });
        rollout[name] = cloudRun.rollout;
        deployed.push(cloudRun.rollout);
        return { kind: "cloudrun", hostname: service.hostname, serviceName: cloudRun.serviceName, service: cloudRun, adopt: edgeAdoption(service) };
    });

    declareEdge(config, { app, labels }, routes, armor);
    for (const name of cloudRunMigrationServices(config.services)) {
        new MigrationJob(migrationComponentName(name), {
            project,
            region,
            app,
            environment,
            service: name,
            image: migratorImage(registry, name, config.services[name].migrations!.digest),
            database,
            deployer,
            vpcEgress,
            binaryAuthorization: supplyChain.binaryAuthorization,
            labels: { ...labels, service: name },
            waitFor: [postgres, ...supplyChain.waitFor, ...gate],
        });
    }

    const digests = configuredDigests(config.services);
    // Resolved only once every service deployed; a digest is released once the pipeline says its smoke test passed.
    const released = pulumi.all([previous.releasedDigests, ...deployed]).apply(([history]) =>
        releasedDigests({ current: digests, smokePassed: config.smokePassed, previous: history, releases: config.releases }),
    );
    return {
        environment,
        registryUrl: registry,
        services,
        corsOrigins: origins,
        database: { instance: config.postgres.instanceName, connectionName: postgres.connectionName, version: config.postgres.version },
        releasedDigests: released,
        releasedMigrators: pulumi.all([released, previous.releasedMigrators]).apply(([list, pairs]) =>
            releasedMigrators({ released: list, current: digests, migrators: configuredMigrators(config.services), previous: pairs }),
        ),
        rollout,
        upstreamGuard: upstream?.verdict,
        program: pulumi.all([previous.program, ...deployed]).apply(([history]) => programHistory(programHash, history)),
    };
}

function clusterArgs({ cluster, kubeconfig, namespace, createNamespace }: KubernetesConfig) {
    return { cluster, kubeconfig, namespace, createNamespace };
}

/** What every runtime takes from a service's config. */
function workloadArgs(name: string, service: ServiceConfig) {
    const { hostname, port, healthPath, env, secrets, resources, databaseEnv } = service;
    return { service: name, hostname, port, healthPath, env, secrets, resources, databaseEnv };
}
