/** `bilko:services.<name>`: one entry per service the stack runs. */
import { z } from "zod";
import { DATABASE_ENV_NAMES, DEFAULT_DATABASE_ENV } from "../../components/workload/env";
import { show } from "../../common/text";
import { adoptService } from "./adoption";
import { digest, hostname, nonEmpty, secretId, serviceKey } from "./values";

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

const envName = z.string().regex(ENV_NAME, {
    error: (issue) => `expected an environment variable name in UPPER_SNAKE_CASE, got ${show(issue.input)}`,
});
const origin = z.string().regex(ORIGIN, {
    error: (issue) => `expected an origin such as "https://app.example.com" (scheme, host, optional port), got ${show(issue.input)}`,
});
const cpuQuantity = z.string().regex(/^(\d+m|\d+(\.\d+)?)$/, { error: (issue) => `expected a CPU quantity such as "1" or "500m", got ${show(issue.input)}` });
const memoryQuantity = z.string().regex(/^\d+(Mi|Gi)$/, { error: (issue) => `expected a memory quantity such as "512Mi" or "2Gi", got ${show(issue.input)}` });

export const RUNTIMES = ["cloudrun", "kubernetes"] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const serviceSchema = z.strictObject({
    /** Image digest this stack runs; the image itself is `<registry>/<service>@<digest>`. */
    digest,
    hostname,
    port: z.number().int().min(1).max(65535),
    healthPath: z.string().regex(/^\/[^\s]*$/, { error: (issue) => `expected a path starting with "/", got ${show(issue.input)}` }),
    public: z.boolean(),
    env: z.record(envName, z.string()).default({}),
    database: z.boolean().default(false),
    /** Which database variables the app reads; `DATABASE_URL` comes from `bilko:postgres.connectionUrl`. */
    databaseEnv: z.array(z.enum(DATABASE_ENV_NAMES)).default([...DEFAULT_DATABASE_ENV]),
    corsFrom: z.array(serviceKey).default([]),
    corsExtraOrigins: z.array(origin).default([]),
    secrets: z.record(envName, secretId).default({}),
    minInstances: z.number().int().min(0).max(1000).default(0),
    maxInstances: z.number().int().min(1).max(1000).default(10),
    /** The live parts of this service to import instead of create, and the first-run changes acknowledged. */
    adopt: adoptService,
    /** Where the pipeline builds this service's image from. */
    build: z.strictObject({ context: nonEmpty, dockerfile: nonEmpty }).optional(),
    /**
     * Schema migrations, run before traffic moves: the migrator image (Flyway and the migration files at `path`, built
     * once per commit with the service's image) at `digest`, promoted with the service's digest.
     */
    migrations: z.strictObject({ path: nonEmpty, digest }).optional(),
    /** Where the service runs: Cloud Run (default) or the GKE cluster of `bilko:kubernetes`. */
    runtime: z.enum(RUNTIMES).default("cloudrun"),
    /** Pod count on Kubernetes; Cloud Run scales with minInstances/maxInstances instead. */
    replicas: z.number().int().min(1).max(100).optional(),
    /** CPU and memory of one instance: Cloud Run limits, Kubernetes requests and limits. */
    resources: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }).default({ cpu: "1", memory: "512Mi" }),
});

export const servicesSchema = z.record(serviceKey, serviceSchema).refine((services) => Object.keys(services).length > 0, { error: "expected at least one service" });

export type ServiceConfig = z.output<typeof serviceSchema>;
