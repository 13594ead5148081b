/**
 * What a smoke test of a stack asks, decided from its config alone: per service and per URL it answers on, the health
 * URL, the configured checks (`bilko:smoke`), and a CORS preflight from every origin the service allows (derived
 * from the same hostnames as its CORS_ORIGINS) plus one from an origin it must not allow.
 */
import { corsOrigins } from "../components/edge/cors";
import { CANDIDATE_HEADER, CANDIDATE_VALUE } from "../components/loadbalancer/routing";
import type { SmokeCheckConfig, StackConfig } from "../config";

/** An origin no stack ever allows (`.invalid` is reserved, RFC 2606): its preflight must not be echoed. */
export const DISALLOWED_ORIGIN = "https://cors-smoke-test.invalid";

export interface Expectation {
    /** An exact status, or any 2xx. */
    status?: number | "2xx";
    bodyContains?: string;
    /** Response headers that must equal these values (names lowercase). */
    headers?: Record<string, string>;
    /** `Access-Control-Allow-Origin` must be this origin, or must be neither it nor `*`. */
    allowOrigin?: { origin: string; allowed: boolean };
}

/** Where a service is checked: a URL, and the headers that route to one revision (the candidate, behind the load balancer). */
export interface SmokeTarget {
    /** `https://<hostname>`, a canary candidate's URL, or `--base-url`. */
    base: string;
    via?: Record<string, string>;
}

export interface SmokeCheck extends SmokeTarget {
    service: string;
    name: string;
    method: string;
    path: string;
    headers: Record<string, string>;
    /** The login whose token is sent as `Authorization: Bearer`. */
    as?: string;
    expect: Expectation;
}

export interface SmokeLogin extends SmokeTarget {
    service: string;
    name: string;
    path: string;
    /** Secret Manager secret whose value is the JSON body posted. */
    secret: string;
    /** Field of the response holding the token (dots for nested fields). */
    token: string;
}

export interface SmokePlan {
    logins: SmokeLogin[];
    checks: SmokeCheck[];
}

export interface PlanOptions {
    /** Every service is checked at this URL instead of its own (a local run, a test server). */
    baseUrl?: string;
    /** `pulumi stack output --json`: each canary candidate's test URL is checked too. */
    outputs?: unknown;
    /** Only these services (default: all). */
    services?: readonly string[];
}

/**
 * Where a service answers: its hostname, and while a canary candidate has less than all traffic, the candidate too -
 * at its own tag URL, or behind the load balancer (where run.app and tag URLs are closed) at the public hostname with
 * the header the load balancer routes to the candidate by.
 */
export function serviceTargets(config: StackConfig, service: string, options: PlanOptions): SmokeTarget[] {
    if (options.baseUrl) {
        return [{ base: options.baseUrl.replace(/\/+$/, "") }];
    }
    const rollout = (options.outputs as { rollout?: Record<string, { candidatePercent?: unknown; testUrls?: { candidate?: unknown } }> } | undefined)?.rollout?.[service];
    const candidate = rollout?.testUrls?.candidate;
    const canary = typeof rollout?.candidatePercent === "number" && rollout.candidatePercent < 100 && typeof candidate === "string" && candidate.length > 0;
    const hostname = `https://${config.services[service].hostname}`;
    if (!canary) {
        return [{ base: hostname }];
    }
    const behindLoadBalancer = config.edge.mode === "load-balancer" && config.services[service].runtime === "cloudrun";
    return [{ base: hostname }, behindLoadBalancer ? { base: hostname, via: { [CANDIDATE_HEADER]: CANDIDATE_VALUE } } : { base: candidate.replace(/\/+$/, "") }];
}

function configured(service: string, target: SmokeTarget, check: SmokeCheckConfig): SmokeCheck {
    return {
        service,
        ...target,
        name: check.name,
        method: check.method,
        path: check.path,
        headers: {},
        ...(check.as ? { as: check.as } : {}),
        expect: {
            status: check.status,
            ...(check.bodyContains !== undefined ? { bodyContains: check.bodyContains } : {}),
            ...(Object.keys(check.headers).length > 0 ? { headers: Object.fromEntries(Object.entries(check.headers).map(([name, value]) => [name.toLowerCase(), value])) } : {}),
        },
    };
}

function preflight(service: string, target: SmokeTarget, path: string, origin: string, allowed: boolean): SmokeCheck {
    return {
        service,
        ...target,
        name: `CORS preflight from ${origin}${allowed ? "" : " (not allowed)"}`,
        method: "OPTIONS",
        path,
        headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
        expect: allowed ? { status: "2xx", allowOrigin: { origin, allowed } } : { allowOrigin: { origin, allowed } },
    };
}

export function smokePlan(config: StackConfig, options: PlanOptions = {}): SmokePlan {
    const plan: SmokePlan = { logins: [], checks: [] };
    for (const service of options.services ?? Object.keys(config.services)) {
        const settings = config.services[service];
        const smoke = config.smoke[service];
        const origins = corsOrigins(config.services, service);
        for (const target of serviceTargets(config, service, options)) {
            plan.logins.push(...Object.entries(smoke?.logins ?? {}).map(([name, login]) => ({ service, ...target, name, path: login.path, secret: login.secret, token: login.token })));
            plan.checks.push({ service, ...target, name: "health", method: "GET", path: settings.healthPath, headers: {}, expect: { status: 200 } });
            plan.checks.push(...(smoke?.checks ?? []).map((check) => configured(service, target, check)));
            if (origins.length > 0) {
                const path = smoke?.corsPath ?? settings.healthPath;
                plan.checks.push(...origins.map((origin) => preflight(service, target, path, origin, true)), preflight(service, target, path, DISALLOWED_ORIGIN, false));
            }
        }
    }
    return plan;
}

export interface Response {
    status: number;
    /** Header names lowercase. */
    headers: Record<string, string>;
    body: Buffer;
}

/** What is wrong with `response`, one phrase each; empty when it meets the expectation. */
export function problemsWith(expect: Expectation, response: Response): string[] {
    const problems: string[] = [];
    const { status } = expect;
    if (status === "2xx" ? response.status < 200 || response.status > 299 : status !== undefined && response.status !== status) {
        problems.push(`expected status ${status}, got ${response.status}`);
    }
    if (expect.bodyContains !== undefined && !response.body.includes(Buffer.from(expect.bodyContains, "utf8"))) {
        problems.push(`body lacks ${JSON.stringify(expect.bodyContains)}`);
    }
    for (const [name, value] of Object.entries(expect.headers ?? {})) {
        if (response.headers[name] !== value) {
            problems.push(`expected ${name}: ${JSON.stringify(value)}, got ${JSON.stringify(response.headers[name] ?? null)}`);
        }
    }
    if (expect.allowOrigin) {
        const echoed = response.headers["access-control-allow-origin"];
        const { origin, allowed } = expect.allowOrigin;
        if (allowed && echoed !== origin) {
            problems.push(`expected access-control-allow-origin: ${JSON.stringify(origin)}, got ${JSON.stringify(echoed ?? null)}`);
        }
        if (!allowed && (echoed === origin || echoed === "*")) {
            problems.push(`an origin that is not allowed got access-control-allow-origin: ${JSON.stringify(echoed)}`);
        }
    }
    return problems;
}

/** The token at `field` (dots for nesting) of a login's JSON response. */
export function tokenFrom(body: Buffer, field: string): string | undefined {
    let value: unknown;
    try {
        value = JSON.parse(body.toString("utf8"));
    } catch {
        return undefined;
    }
    for (const part of field.split(".")) {
        value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    }
    return typeof value === "string" && value.length > 0 ? value : undefined;
}
