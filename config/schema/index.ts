/**
 * The zod schema of every stack-config key. Each section lives in its own file; this one puts them under their
 * `bilko:` keys.
 */
import { z } from "zod";
import { show } from "../../common/text";
import { adoptResource } from "./adoption";
import { binaryAuthorizationSchema } from "./binaryAuthorization";
import { edgeSchema } from "./edge";
import { ENVIRONMENTS } from "./environments";
import { kubernetesSchema } from "./kubernetes";
import { networkSchema } from "./network";
import { notificationsSchema } from "./notifications";
import { pipelineSchema } from "./pipeline";
import { postgresSchema } from "./postgres";
import { promotionSchema } from "./promotion";
import { releaseSchema } from "./releases";
import { servicesSchema } from "./services";
import { smokePassedSchema, smokeSchema } from "./smoke";
import { gcpName, hostname, nonEmpty, projectId } from "./values";

export const schema = z.object({
    "gcp:project": z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { error: (issue) => `expected a Google Cloud project id, got ${show(issue.input)}` }),
    "gcp:region": z.string().regex(/^[a-z]+-[a-z]+\d+$/, { error: (issue) => `expected a Google Cloud region such as "europe-north1", got ${show(issue.input)}` }),
    "bilko:environment": z.enum(ENVIRONMENTS),
    "bilko:upstream": z.string().optional(),
    "bilko:organization": nonEmpty.optional(),
    "bilko:sharedResources": z.boolean(),
    "bilko:registry": z.strictObject({
        location: z.string().regex(/^[a-z]+(-[a-z]+\d+)?$/, { error: (issue) => `expected a region or multi-region, got ${show(issue.input)}` }),
        repository: gcpName,
        adopt: adoptResource("registry"),
        /** The project the repository is in; default: the stack's own (gcp:project). */
        project: projectId.optional(),
    }),
    "bilko:postgres": postgresSchema,
    "bilko:dns": z.strictObject({
        zone: hostname,
        zoneId: z.string().regex(/^[0-9a-f]{32}$/, { error: (issue) => `expected a Cloudflare zone id (32 hex digits), got ${show(issue.input)}` }),
        proxied: z.boolean().default(false),
    }),
    "bilko:services": servicesSchema,
    "bilko:edge": edgeSchema,
    "bilko:rollout": z.strictObject({ canaryPercent: z.number().int().min(0).max(100).default(100) }).default({ canaryPercent: 100 }),
    "bilko:promotion": promotionSchema,
    "bilko:releases": z.array(releaseSchema).default([]),
    "bilko:pipeline": pipelineSchema.optional(),
    "bilko:kubernetes": kubernetesSchema.optional(),
    "bilko:network": networkSchema.optional(),
    "bilko:binaryAuthorization": binaryAuthorizationSchema,
    "bilko:smoke": smokeSchema,
    "bilko:smokePassed": smokePassedSchema,
    "bilko:notifications": notificationsSchema.optional(),
});

export type RawConfig = z.output<typeof schema>;
export const BILKO_KEYS = Object.keys(schema.shape).filter((key) => key.startsWith("bilko:"));
/** Keys Pulumi hands over as plain strings; every other `bilko:` key arrives as JSON text. */
export const STRING_KEYS = new Set(["gcp:project", "gcp:region", "bilko:environment", "bilko:upstream", "bilko:organization"]);

export { ENVIRONMENTS, type Environment } from "./environments";
export { type KubernetesConfig } from "./kubernetes";
export { type NetworkConfig } from "./network";
export { type NotificationsConfig } from "./notifications";
export { type PipelineConfig } from "./pipeline";
export { type ResourceAdoption, type ServiceAdoption } from "./adoption";
export { type EdgeConfig } from "./edge";
export { passwordMode, type PasswordMode, type PostgresConfig } from "./postgres";
export { parseAllowRule, WEEKDAYS, type AllowRule, type FreezeConfig, type PromotionConfig, type WindowsConfig } from "./promotion";
export { RELEASE_KINDS, type Release, type ReleaseKind } from "./releases";
export { RUNTIMES, type Runtime, type ServiceConfig } from "./services";
export { SMOKE_METHODS, type ServiceSmokeConfig, type SmokeCheckConfig, type SmokeLoginConfig } from "./smoke";
