/**
 * `bilko:smoke`: per service, the checks `npm run smoke` and the pipeline's smoke step run after a deployment, beyond
 * the health URL and the CORS preflights every service gets. `bilko:smokePassed` is written by the pipeline, never
 * committed: the digests whose smoke test passed in this build.
 */
import { z } from "zod";
import { show } from "../../common/text";
import { digest, nonEmpty, serviceKey } from "./values";

const path = z.string().regex(/^\/\S*$/, { error: (issue) => `expected a path starting with "/", got ${show(issue.input)}` });
const headerName = z.string().regex(/^[A-Za-z0-9-]+$/, { error: (issue) => `expected an HTTP header name, got ${show(issue.input)}` });
const loginName = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, { error: (issue) => `expected a login name of lowercase letters, digits and hyphens, got ${show(issue.input)}` });
const secretId = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, { error: (issue) => `expected a Secret Manager secret id, got ${show(issue.input)}` });

export const SMOKE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export const smokeLoginSchema = z.strictObject({
    /** Path the credentials are posted to as JSON. */
    path,
    /** Secret Manager secret whose value is the JSON body to post (the credentials never appear in the file). */
    secret: secretId,
    /** Field of the JSON response holding the bearer token (dots for nested fields). */
    token: nonEmpty.default("accessToken"),
});

export const smokeCheckSchema = z.strictObject({
    /** Shown in the report. */
    name: nonEmpty,
    method: z.enum(SMOKE_METHODS).default("GET"),
    path,
    /** Expected response status. */
    status: z.number().int().min(100).max(599).default(200),
    /** Text the response body must contain. */
    bodyContains: nonEmpty.optional(),
    /** Response headers that must equal these values (names are case-insensitive). */
    headers: z.record(headerName, z.string()).default({}),
    /** Send `Authorization: Bearer <token>` of this login. */
    as: loginName.optional(),
});

export const serviceSmokeSchema = z.strictObject({
    logins: z.record(loginName, smokeLoginSchema).default({}),
    checks: z.array(smokeCheckSchema).default([]),
    /** Path the CORS preflights are sent to; default the service's health path. */
    corsPath: path.optional(),
});

export const smokeSchema = z.record(serviceKey, serviceSmokeSchema).default({});
export const smokePassedSchema = z.record(serviceKey, digest).default({});

export type ServiceSmokeConfig = z.output<typeof serviceSmokeSchema>;
export type SmokeCheckConfig = z.output<typeof smokeCheckSchema>;
export type SmokeLoginConfig = z.output<typeof smokeLoginSchema>;
