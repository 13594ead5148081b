/**
 * Runs a smoke plan: logins first (their tokens go to the checks that name them), then every check, each retried a
 * bounded number of times (a fresh revision may still be starting). The result says what passed and why anything
 * failed; nothing here decides exit codes or prints.
 */
import { problemsWith, tokenFrom, type SmokeCheck, type SmokeLogin, type SmokePlan } from "./checks";
import { send, type Request } from "./http";
import type { Response } from "./checks";

export interface RunOptions {
    attempts: number;
    delayMs: number;
    timeoutMs: number;
    /** The value of a Secret Manager secret (a login's JSON body). */
    secret: (id: string) => string;
    /** Sends one request; tests may pass their own. */
    send?: (request: Request) => Promise<Response>;
    sleep?: (ms: number) => Promise<void>;
}

export interface CheckResult {
    service: string;
    base: string;
    /** The headers that routed the request to one revision, when any. */
    via?: Record<string, string>;
    name: string;
    method: string;
    path: string;
    passed: boolean;
    /** Status of the last attempt, when there was an answer. */
    status?: number;
    problems: string[];
    attempts: number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Tries `attempt` until it reports no problems or the attempts run out; returns the last outcome. */
async function retried(options: RunOptions, attempt: () => Promise<{ status?: number; problems: string[] }>): Promise<{ status?: number; problems: string[]; attempts: number }> {
    let outcome: { status?: number; problems: string[] } = { problems: [] };
    for (let count = 1; count <= options.attempts; count++) {
        outcome = await attempt();
        if (outcome.problems.length === 0 || count === options.attempts) {
            return { ...outcome, attempts: count };
        }
        await (options.sleep ?? pause)(options.delayMs);
    }
    return { ...outcome, attempts: options.attempts };
}

async function answer(options: RunOptions, request: Omit<Request, "timeoutMs">): Promise<Response | string> {
    try {
        return await (options.send ?? send)({ ...request, timeoutMs: options.timeoutMs });
    } catch (error) {
        return `no answer: ${(error as Error).message}`;
    }
}

async function login(options: RunOptions, entry: SmokeLogin): Promise<{ result: CheckResult; token?: string }> {
    let token: string | undefined;
    let body: string;
    try {
        body = options.secret(entry.secret);
    } catch (error) {
        const result = { ...targetOf(entry), name: `login ${entry.name}`, method: "POST", path: entry.path, passed: false, problems: [(error as Error).message], attempts: 0 };
        return { result };
    }
    const outcome = await retried(options, async () => {
        const response = await answer(options, { method: "POST", url: `${entry.base}${entry.path}`, headers: { ...entry.via, "Content-Type": "application/json", Accept: "application/json" }, body });
        if (typeof response === "string") {
            return { problems: [response] };
        }
        token = response.status >= 200 && response.status <= 299 ? tokenFrom(response.body, entry.token) : undefined;
        const problems = response.status < 200 || response.status > 299 ? [`expected status 2xx, got ${response.status}`] : token ? [] : [`no token in the response's ${JSON.stringify(entry.token)}`];
        return { status: response.status, problems };
    });
    return { result: { ...targetOf(entry), name: `login ${entry.name}`, method: "POST", path: entry.path, passed: outcome.problems.length === 0, ...outcome }, token };
}

async function check(options: RunOptions, entry: SmokeCheck, tokens: Map<string, string | undefined>): Promise<CheckResult> {
    const base = { ...targetOf(entry), name: entry.name, method: entry.method, path: entry.path };
    const headers = { ...entry.via, ...entry.headers };
    if (entry.as !== undefined) {
        const token = tokens.get(tokenKey(entry, entry.as));
        if (!token) {
            return { ...base, passed: false, problems: [`login ${entry.as} failed, so this check could not sign in`], attempts: 0 };
        }
        headers.Authorization = `Bearer ${token}`;
    }
    const outcome = await retried(options, async () => {
        const response = await answer(options, { method: entry.method, url: `${entry.base}${entry.path}`, headers });
        return typeof response === "string" ? { problems: [response] } : { status: response.status, problems: problemsWith(entry.expect, response) };
    });
    return { ...base, passed: outcome.problems.length === 0, ...outcome };
}

function targetOf(entry: SmokeLogin | SmokeCheck): Pick<CheckResult, "service" | "base" | "via"> {
    return { service: entry.service, base: entry.base, ...(entry.via ? { via: entry.via } : {}) };
}

/** A login's token is used by the checks of the same service and target (URL and routing headers). */
function tokenKey(entry: SmokeLogin | SmokeCheck, login: string): string {
    return `${entry.service} ${entry.base} ${JSON.stringify(entry.via ?? {})} ${login}`;
}

export async function runSmoke(plan: SmokePlan, options: RunOptions): Promise<CheckResult[]> {
    const results: CheckResult[] = [];
    const tokens = new Map<string, string | undefined>();
    for (const entry of plan.logins) {
        const { result, token } = await login(options, entry);
        tokens.set(tokenKey(entry, entry.name), token);
        results.push(result);
    }
    for (const entry of plan.checks) {
        results.push(await check(options, entry, tokens));
    }
    return results;
}
