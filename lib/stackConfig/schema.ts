/** The zod schema of every stack-config key, with the message each value check gives. */
import { z } from "zod";
import { DIGEST_PATTERN, isPinnedImage } from "../images";
import { EDITIONS, POSTGRES_VERSION_PATTERN } from "../postgresRules";
import { show } from "../shortText";

export const ENVIRONMENTS = ["stage", "demo", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const RELEASE_KINDS = ["promote", "rollback", "force"] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SERVICE_KEY = /^[a-z]([a-z0-9-]{0,16}[a-z0-9])?$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
const GCP_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

const digest = z.string().regex(DIGEST_PATTERN, {
    error: (issue) => `expected "sha256:" and 64 lowercase hex digits, got ${show(issue.input)}`,
});
const hostname = z.string().regex(HOSTNAME, {
    error: (issue) => `expected a lowercase DNS hostname such as "app.example.com", got ${show(issue.input)}`,
});
const gcpName = z.string().regex(GCP_NAME, {
    error: (issue) => `expected lowercase letters, digits and hyphens, starting with a letter, got ${show(issue.input)}`,
});
const serviceKey = z.string().regex(SERVICE_KEY, {
    error: (issue) => `expected a service name of lowercase letters, digits and hyphens (at most 18), got ${show(issue.input)}`,
});
const envName = z.string().regex(ENV_NAME, {
    error: (issue) => `expected an environment variable name in UPPER_SNAKE_CASE, got ${show(issue.input)}`,
});
const secretId = z.string().regex(SECRET_ID, {
    error: (issue) => `expected a Secret Manager secret id (letters, digits, "-" and "_"), got ${show(issue.input)}`,
});
const origin = z.string().regex(ORIGIN, {
    error: (issue) => `expected an origin such as "https://app.example.com" (scheme, host, optional port), got ${show(issue.input)}`,
});
const digestPinnedImage = z.string().refine(isPinnedImage, {
    error: (issue) => `expected an image pinned by digest ("<image>@sha256:<64 hex>"), got ${show(issue.input)}`,
});
const nonEmpty = z.string().min(1, { error: "expected a non-empty string" });
const cpuQuantity = z.string().regex(/^(\d+m|\d+(\.\d+)?)$/, { error: (issue) => `expected a CPU quantity such as "1" or "500m", got ${show(issue.input)}` });
const memoryQuantity = z.string().regex(/^\d+(Mi|Gi)$/, { error: (issue) => `expected a memory quantity such as "512Mi" or "2Gi", got ${show(issue.input)}` });

export const RUNTIMES = ["cloudrun", "kubernetes"] as const;
export type Runtime = (typeof RUNTIMES)[number];

const serviceSchema = z.strictObject({
    /** Image digest this stack runs; the image itself is `<registry>/<service>@<digest>`. */
    digest,
    hostname,
    port: z.number().int().min(1).max(65535),
    healthPath: z.string().regex(/^\/[^\s]*$/, { error: (issue) => `expected a path starting with "/", got ${show(issue.input)}` }),
    public: z.boolean(),
    env: z.record(envName, z.string()).default({}),
    database: z.boolean().default(false),
    corsFrom: z.array(serviceKey).default([]),
    corsExtraOrigins: z.array(origin).default([]),
    secrets: z.record(envName, secretId).default({}),
    minInstances: z.number().int().min(0).max(1000).default(0),
    maxInstances: z.number().int().min(1).max(1000).default(10),
    adopt: z.boolean().default(false),
    /** Where the pipeline builds this service's image from. */
    build: z.strictObject({ context: nonEmpty, dockerfile: nonEmpty }).optional(),
    /** Command run from this service's image, at this stack's digest, before traffic moves (e.g. Flyway). */
    migrations: z.strictObject({ command: z.array(nonEmpty).min(1), args: z.array(z.string()).default([]) }).optional(),
    /** Where the service runs: Cloud Run (default) or the GKE cluster of `bilko:kubernetes`. */
    runtime: z.enum(RUNTIMES).default("cloudrun"),
    /** Pod count on Kubernetes; Cloud Run scales with minInstances/maxInstances instead. */
    replicas: z.number().int().min(1).max(100).optional(),
    /** CPU and memory of one instance: Cloud Run limits, Kubernetes requests and limits. */
    resources: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }).default({ cpu: "1", memory: "512Mi" }),
});

const postgresSchema = z.strictObject({
    instanceName: gcpName,
    version: z.string().regex(POSTGRES_VERSION_PATTERN, {
        error: (issue) => `expected "POSTGRES_<major>" such as "POSTGRES_16", got ${show(issue.input)}`,
    }),
    edition: z.enum(EDITIONS),
    tier: z.string().regex(/^db-[A-Za-z0-9-]+$/, { error: (issue) => `expected a Cloud SQL tier such as "db-custom-2-7680", got ${show(issue.input)}` }),
    highAvailability: z.boolean(),
    deletionProtection: z.boolean(),
    pointInTimeRecovery: z.boolean(),
    backupRetentionDays: z.number().int().min(1).max(365),
    databaseName: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: (issue) => `expected a PostgreSQL identifier, got ${show(issue.input)}` }),
    user: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: (issue) => `expected a PostgreSQL role name, got ${show(issue.input)}` }),
    adopt: z.boolean().default(false),
});

const releaseSchema = z.strictObject({
    service: serviceKey,
    digest,
    from: z.string(),
    at: z.iso.datetime({ error: (issue) => `expected a UTC ISO time such as "2026-11-21T10:00:00Z", got ${show(issue.input)}` }),
    by: nonEmpty,
    kind: z.enum(RELEASE_KINDS),
    reason: z.string().optional(),
    /** Set by `promote --finish`: the candidate revision of this digest takes all traffic. */
    finished: z.boolean().optional(),
});

const pipelineSchema = z
    .strictObject({
        /** GitHub repository connected to Cloud Build (1st gen). */
        github: z.strictObject({ owner: nonEmpty, name: nonEmpty }).optional(),
        /** Or a 2nd-gen repository: projects/<p>/locations/<l>/connections/<c>/repositories/<r>. */
        repository: z.string().regex(/^projects\/[^/]+\/locations\/[^/]+\/connections\/[^/]+\/repositories\/[^/]+$/, {
            error: (issue) => `expected "projects/<p>/locations/<l>/connections/<c>/repositories/<r>", got ${show(issue.input)}`,
        }).optional(),
        stateBackend: z.string().regex(/^(gs|s3|azblob|file|https):\/\/\S+$/, {
            error: (issue) => `expected a Pulumi backend URL such as "gs://bucket", got ${show(issue.input)}`,
        }),
        secretsProvider: z.string().regex(/^(gcpkms|awskms|azurekeyvault|hashivault|passphrase|default)(:\/\/\S*)?$/, {
            error: (issue) => `expected a Pulumi secrets provider such as "gcpkms://projects/.../cryptoKeys/...", got ${show(issue.input)}`,
        }),
        builders: z.strictObject({
            docker: digestPinnedImage,
            gcloud: digestPinnedImage,
            trivy: digestPinnedImage,
            pulumi: digestPinnedImage,
        }),
    })
    .superRefine((pipeline, ctx) => {
        if (Boolean(pipeline.github) === Boolean(pipeline.repository)) {
            ctx.addIssue({ code: "custom", path: [], message: `set exactly one of "github" (owner + name) or "repository" (2nd-gen id)` });
        }
    });

const kubernetesSchema = z
    .strictObject({
        /** GKE cluster the kubeconfig is built from (with gke-gcloud-auth-plugin) ... */
        cluster: z.strictObject({ name: gcpName, location: z.string().regex(/^[a-z]+-[a-z]+\d+(-[a-z])?$/, { error: (issue) => `expected a region or zone, got ${show(issue.input)}` }) }).optional(),
        /** ... or a kubeconfig, given as a secret (`pulumi config set --secret --path kubernetes.kubeconfig`). */
        kubeconfig: nonEmpty.optional(),
        namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: (issue) => `expected a Kubernetes namespace name, got ${show(issue.input)}` }),
        createNamespace: z.boolean().default(true),
        /** Cloud SQL Auth Proxy sidecar for database services, pinned by digest. */
        sqlProxyImage: digestPinnedImage.optional(),
    })
    .superRefine((kubernetes, ctx) => {
        if (Boolean(kubernetes.cluster) === Boolean(kubernetes.kubeconfig)) {
            ctx.addIssue({ code: "custom", path: [], message: `set exactly one of "cluster" (name + location) or "kubeconfig" (a secret)` });
        }
    });

export const schema = z.object({
    "gcp:project": z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { error: (issue) => `expected a Google Cloud project id, got ${show(issue.input)}` }),
    "gcp:region": z.string().regex(/^[a-z]+-[a-z]+\d+$/, { error: (issue) => `expected a Google Cloud region such as "europe-north1", got ${show(issue.input)}` }),
    "bilko:environment": z.enum(ENVIRONMENTS),
    "bilko:upstream": z.string().optional(),
    "bilko:organization": nonEmpty.optional(),
    "bilko:sharedResources": z.boolean(),
    "bilko:registry": z.strictObject({ location: z.string().regex(/^[a-z]+(-[a-z]+\d+)?$/, { error: (issue) => `expected a region or multi-region, got ${show(issue.input)}` }), repository: gcpName }),
    "bilko:postgres": postgresSchema,
    "bilko:dns": z.strictObject({
        zone: hostname,
        zoneId: z.string().regex(/^[0-9a-f]{32}$/, { error: (issue) => `expected a Cloudflare zone id (32 hex digits), got ${show(issue.input)}` }),
        proxied: z.boolean().default(false),
    }),
    "bilko:services": z.record(serviceKey, serviceSchema).refine((services) => Object.keys(services).length > 0, { error: "expected at least one service" }),
    "bilko:rollout": z.strictObject({ canaryPercent: z.number().int().min(0).max(100).default(100) }).default({ canaryPercent: 100 }),
    "bilko:promotion": z.strictObject({ minBakeMinutes: z.number().int().min(0).max(10080).default(0) }).default({ minBakeMinutes: 0 }),
    "bilko:releases": z.array(releaseSchema).default([]),
    "bilko:pipeline": pipelineSchema.optional(),
    "bilko:kubernetes": kubernetesSchema.optional(),
});


export type RawConfig = z.output<typeof schema>;
export const BILKO_KEYS = Object.keys(schema.shape).filter((key) => key.startsWith("bilko:"));
/** Keys Pulumi hands over as plain strings; every other `bilko:` key arrives as JSON text. */
export const STRING_KEYS = new Set(["gcp:project", "gcp:region", "bilko:environment", "bilko:upstream", "bilko:organization"]);

export type ServiceConfig = z.output<typeof serviceSchema>;
export type PostgresConfig = z.output<typeof postgresSchema>;
export type Release = z.output<typeof releaseSchema>;
export type PipelineConfig = z.output<typeof pipelineSchema>;
export type KubernetesConfig = z.output<typeof kubernetesSchema>;
