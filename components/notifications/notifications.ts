import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { actAsGrant, secretAccessorGrant } from "../iam";
import { registryUrl } from "../registry/images";
import { DEPLOY_FAILED_MARKER, failedBuildsFilter, markerFilter, SMOKE_FAILED_MARKER, stackExtractor } from "./alerting";
import { NOTIFICATION_KINDS, type NotificationKind } from "./events";
import { CLOUD_BUILDS_TOPIC, configBucketName, configObjectName, notifierImageThroughCache, notifierServiceName, topicImportId, upstreamRegistry } from "./names";
import { notifierConfig, notifierConfigYaml } from "./notifierConfig";

export interface NotificationsArgs {
    project: string;
    /** Region of the notifier services and the config bucket. */
    region: string;
    /** The Pulumi project name (`bilko`): prefix of every name. */
    app: string;
    /** Google's Cloud Build Slack notifier image, pinned by digest (`us-east1-docker.pkg.dev/gcb-release/cloud-build-notifiers/slack@sha256:...`). */
    notifierImage: string;
    /** Location of the remote repository the notifier image is pulled through (`bilko:registry.location`). */
    registryLocation: string;
    /** Secret Manager secret id holding the Slack incoming-webhook URL of each kind of event (one webhook posts to one channel). */
    webhookSecrets: Readonly<Record<NotificationKind, string>>;
    /** Email address Cloud Monitoring alerts go to. */
    alertEmail: string;
    /** Ids of the shared stack's Cloud Build triggers: their failed builds are alerted on (deployments by their marker). */
    triggerIds: pulumi.Input<string>[];
    /**
     * Import the project's existing `cloud-builds` topic instead of creating it.
     * @default false
     */
    adoptTopic?: boolean;
    /** `serviceAccount:` member of the account that runs `pulumi up` here: it acts as the notifiers' two accounts. */
    deployer: pulumi.Input<string>;
    /** Accounts that refresh this component's resources (the drift checks): they may read the bucket's and the cache's settings. */
    readers?: pulumi.Input<string>[];
    /** Google Cloud labels of every labelled resource. */
    labels: Record<string, string>;
}

/**
 * Build notifications and alerting, declared once (with the delivery pipeline): Cloud Build's `cloud-builds` topic,
 * per kind of event (events.ts) a Slack notifier on Cloud Run with its config file in a bucket and a push subscription,
 * the notifiers' access to their webhook secrets, and an alert policy on failed builds, failed deployments and failed
 * smoke tests.
 */
export class Notifications extends pulumi.ComponentResource {
    readonly topic: gcp.pubsub.Topic;
    readonly services: Record<NotificationKind, gcp.cloudrunv2.Service>;
    readonly alertPolicy: gcp.monitoring.AlertPolicy;

    constructor(name: string, args: NotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:Notifications", name, {}, opts);
        const { project, region, app, labels } = args;
        if (!/^[a-z0-9.-]+\/[^@]+@sha256:[0-9a-f]{64}$/.test(args.notifierImage)) {
            throw new pulumi.InputPropertyError({ propertyPath: "notifierImage", reason: `expected "<registry>/<path>@sha256:<64 hex>", got ${JSON.stringify(args.notifierImage)}` });
        }
        const parent = { parent: this };

        this.topic = new gcp.pubsub.Topic(`${name}-topic`, { project, name: CLOUD_BUILDS_TOPIC, labels }, { parent: this, ...(args.adoptTopic ? { import: topicImportId(project) } : {}) });

        const cacheId = `${app}-notifiers-cache`;
        const cache = new gcp.artifactregistry.Repository(
            `${name}-image-cache`,
            {
                project,
                location: args.registryLocation,
                repositoryId: cacheId,
                format: "DOCKER",
                mode: "REMOTE_REPOSITORY",
                description: "Google's Cloud Build notifier images through Artifact Registry, so the notifiers run from this project's registry (managed by bilko).",
                remoteRepositoryConfig: { description: "Cloud Build notifiers", dockerRepository: { customRepository: { uri: upstreamRegistry(args.notifierImage) } } },
                labels,
            },
            parent,
        );
        const image = notifierImageThroughCache(args.notifierImage, registryUrl(args.registryLocation, project, cacheId));

        const bucket = new gcp.storage.Bucket(
            `${name}-config-bucket`,
            { project, name: configBucketName(project, app), location: region, uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", forceDestroy: true, labels },
            parent,
        );
        const runtime = new gcp.serviceaccount.Account(
            `${name}-notifier-sa`,
            { project, accountId: `${app}-notifier`, displayName: `${app} build notifiers`, description: "Runs the Cloud Build Slack notifiers: reads their config and webhook secrets; managed by bilko." },
            parent,
        );
        const pusher = new gcp.serviceaccount.Account(
            `${name}-push-sa`,
            { project, accountId: `${app}-notifier-push`, displayName: `${app} build notifications push`, description: "Signs Pub/Sub's pushes of build messages to the notifiers; managed by bilko." },
            parent,
        );
        // Deploying a service that runs as an account, or a subscription that signs with one, needs actAs on it.
        const actAs = [actAsGrant(`${name}-deployer-actas-notifier`, runtime, args.deployer, this), actAsGrant(`${name}-deployer-actas-push`, pusher, args.deployer, this)];
        (args.readers ?? []).forEach((member, index) => {
            new gcp.storage.BucketIAMMember(`${name}-reader-${index}-bucket`, { bucket: bucket.name, role: "roles/storage.bucketViewer", member }, parent);
            new gcp.artifactregistry.RepositoryIamMember(
                `${name}-reader-${index}-cache`,
                { project, location: args.registryLocation, repository: cache.repositoryId, role: "roles/artifactregistry.reader", member },
                parent,
            );
        });
        const readConfig = new gcp.storage.BucketIAMMember(`${name}-notifier-config-reader`, { bucket: bucket.name, role: "roles/storage.objectViewer", member: runtime.member }, parent);
        // The deployer writes the config files of this bucket alone: nothing project-wide in Cloud Storage.
        const writeConfig = new gcp.storage.BucketIAMMember(`${name}-deployer-config-writer`, { bucket: bucket.name, role: "roles/storage.objectAdmin", member: args.deployer }, parent);
        const secretIds = [...new Set(Object.values(args.webhookSecrets))];
        const readSecrets = secretIds.map((secretId) => secretAccessorGrant(`${name}-webhook-${secretId}`, project, secretId, runtime.member, this));

        const services = {} as Record<NotificationKind, gcp.cloudrunv2.Service>;
        for (const kind of NOTIFICATION_KINDS) {
            const serviceName = notifierServiceName(app, kind);
            const config = new gcp.storage.BucketObject(
                `${name}-${kind}-config`,
                { bucket: bucket.name, name: configObjectName(kind), contentType: "text/yaml", content: notifierConfigYaml(notifierConfig(serviceName, kind, project, args.webhookSecrets[kind])) },
                { parent: this, dependsOn: [writeConfig] },
            );
            const service = new gcp.cloudrunv2.Service(
                `${name}-${kind}-service`,
                {
                    project,
                    location: region,
                    name: serviceName,
                    // Pub/Sub pushes to the service's URL; every request must carry a token of the push account.
                    ingress: "INGRESS_TRAFFIC_ALL",
                    deletionProtection: false,
                    labels: { ...labels, notifier: kind },
                    template: {
                        serviceAccount: runtime.email,
                        labels: { ...labels, notifier: kind },
                        scaling: { minInstanceCount: 0, maxInstanceCount: 2 },
                        containers: [
                            {
                                image,
                                envs: [
                                    { name: "CONFIG_PATH", value: pulumi.interpolate`gs://${bucket.name}/${config.name}` },
                                    { name: "PROJECT_ID", value: project },
                                ],
                                startupProbe: { httpGet: { path: "/helloz", port: 8080 } },
                                resources: { limits: { cpu: "1", memory: "256Mi" } },
                            },
                        ],
                    },
                },
                { parent: this, dependsOn: [cache, readConfig, ...readSecrets, actAs[0]] },
            );
            const invoker = new gcp.cloudrunv2.ServiceIamMember(
                `${name}-${kind}-invoker`,
                { project, location: region, name: service.name, role: "roles/run.invoker", member: pusher.member },
                parent,
            );
            new gcp.pubsub.Subscription(
                `${name}-${kind}-subscription`,
                {
                    project,
                    name: `${serviceName}`,
                    topic: this.topic.id,
                    ackDeadlineSeconds: 60,
                    // Build messages are worth nothing a day later; a notifier that keeps failing does not pile them up.
                    messageRetentionDuration: "86400s",
                    expirationPolicy: { ttl: "" },
                    retryPolicy: { minimumBackoff: "10s", maximumBackoff: "600s" },
                    pushConfig: { pushEndpoint: service.uri, oidcToken: { serviceAccountEmail: pusher.email } },
                    labels: { ...labels, notifier: kind },
                },
                { parent: this, dependsOn: [invoker, actAs[1]] },
            );
            services[kind] = service;
        }
        this.services = services;

        const channel = new gcp.monitoring.NotificationChannel(
            `${name}-alert-channel`,
            { project, displayName: `${app} on-call`, type: "email", labels: { email_address: args.alertEmail }, userLabels: labels },
            parent,
        );
        const failedBuilds = new gcp.logging.Metric(
            `${name}-failed-builds-metric`,
            {
                project,
                name: `${app}-failed-builds`,
                description: "Failed, timed-out or broken builds of bilko's Cloud Build triggers (managed by bilko).",
                filter: pulumi.all(args.triggerIds).apply(failedBuildsFilter),
                metricDescriptor: { metricKind: "DELTA", valueType: "INT64", unit: "1" },
            },
            parent,
        );
        // Marker lines the report step logs, counted by stack (alerting.ts).
        const markerMetric = (key: string, metric: string, marker: string, what: string) =>
            new gcp.logging.Metric(
                `${name}-${key}-metric`,
                {
                    project,
                    name: `${app}-${metric}`,
                    description: `${what}, by stack (managed by bilko).`,
                    filter: markerFilter(marker),
                    labelExtractors: { stack: stackExtractor(marker) },
                    metricDescriptor: { metricKind: "DELTA", valueType: "INT64", unit: "1", labels: [{ key: "stack", valueType: "STRING", description: "The stack it happened in." }] },
                },
                parent,
            );
        const failedSmokeTests = markerMetric("failed-smoke", "failed-smoke-tests", SMOKE_FAILED_MARKER, "Smoke tests that failed after a deployment");
        const failedDeployments = markerMetric("failed-deploy", "failed-deployments", DEPLOY_FAILED_MARKER, "Deployments that failed, promoted stacks' deploy triggers included");
        const condition = (displayName: string, metric: gcp.logging.Metric) => ({
            displayName,
            conditionThreshold: {
                filter: pulumi.interpolate`metric.type="logging.googleapis.com/user/${metric.name}" AND resource.type="build"`,
                comparison: "COMPARISON_GT",
                thresholdValue: 0,
                duration: "0s",
                aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_COUNT" }],
                trigger: { count: 1 },
            },
        });
        this.alertPolicy = new gcp.monitoring.AlertPolicy(
            `${name}-alert-policy`,
            {
                project,
                displayName: `${app}: failed builds, deployments and smoke tests`,
                combiner: "OR",
                conditions: [
                    condition("A build of a bilko trigger failed", failedBuilds),
                    condition("A deployment failed (any stack's deploy trigger)", failedDeployments),
                    condition("A smoke test failed after a deployment", failedSmokeTests),
                ],
                notificationChannels: [channel.name],
                alertStrategy: { autoClose: "1800s" },
                documentation: { mimeType: "text/markdown", content: "The build log says why; docs/operations.md says what to do." },
                userLabels: labels,
            },
            parent,
        );
        this.registerOutputs({ topic: this.topic.name, notifiers: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, services[kind].uri])) });
    }
}
