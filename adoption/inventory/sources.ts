/**
 * The two read-only sources of the inventory: the `gcloud` on PATH (list commands with `--format=json` only) and the
 * Cloudflare REST API (GET only). Any failure is an `InventoryError` naming the command or the request.
 */
import { execFile } from "child_process";

export class InventoryError extends Error {}

/** How long one gcloud command or HTTP request may take before the inventory gives up. */
export const SOURCE_TIMEOUT_MS = 120_000;

/** Cloudflare's API; `CLOUDFLARE_API_BASE_URL` replaces it (a proxy, or a local fake in tests). */
export const CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";

/** The JSON list a `gcloud` list command prints; `signal` stops the command when another source has already failed. */
export function gcloudList(args: string[], signal?: AbortSignal): Promise<Record<string, any>[]> {
    const command = `gcloud ${args.join(" ")}`;
    return new Promise((resolve, reject) => {
        execFile("gcloud", [...args, "--format=json"], { timeout: SOURCE_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, signal }, (error, stdout, stderr) => {
            if (error) {
                const why =
                    (error as NodeJS.ErrnoException).code === "ENOENT"
                        ? "gcloud is not on PATH"
                        : signal?.aborted
                          ? "stopped: another source failed"
                          : error.killed
                            ? `no answer within ${SOURCE_TIMEOUT_MS / 1000} s`
                            : `exit ${String(error.code)}: ${firstLine(stderr) || error.message}`;
                reject(new InventoryError(`${command}: ${why}`));
                return;
            }
            try {
                resolve(jsonList(JSON.parse(stdout)));
            } catch (parseError) {
                reject(new InventoryError(`${command}: ${(parseError as Error).message}`));
            }
        });
    });
}

export interface DnsZone {
    name: string;
    records: Record<string, any>[];
}

/** The zone's name and every DNS record in it, page by page. */
export async function cloudflareZone(zoneId: string, token: string, signal?: AbortSignal, base = process.env.CLOUDFLARE_API_BASE_URL ?? CLOUDFLARE_API): Promise<DnsZone> {
    const zone = (await cloudflareGet(`${base}/zones/${zoneId}`, token, signal)).result as { name?: unknown };
    if (typeof zone?.name !== "string") {
        throw new InventoryError(`GET ${base}/zones/${zoneId}: expected a zone with a name`);
    }
    const records: Record<string, any>[] = [];
    for (let page = 1; ; page++) {
        const url = `${base}/zones/${zoneId}/dns_records?per_page=100&page=${page}`;
        const body = await cloudflareGet(url, token, signal);
        try {
            records.push(...jsonList(body.result));
        } catch (error) {
            throw new InventoryError(`GET ${url}: ${(error as Error).message} in "result"`);
        }
        const pages = body.result_info?.total_pages;
        if (typeof pages !== "number" || page >= pages) {
            return { name: zone.name, records };
        }
    }
}

async function cloudflareGet(url: string, token: string, signal?: AbortSignal): Promise<Record<string, any>> {
    let response: Response;
    try {
        const timeout = AbortSignal.timeout(SOURCE_TIMEOUT_MS);
        response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
        throw new InventoryError(`GET ${url}: ${(error as Error).message}`);
    }
    const text = await response.text();
    let body: Record<string, any>;
    try {
        body = JSON.parse(text);
    } catch {
        throw new InventoryError(`GET ${url}: HTTP ${response.status}, not JSON: ${firstLine(text).slice(0, 120)}`);
    }
    if (!response.ok || body.success === false) {
        const errors = (Array.isArray(body.errors) ? body.errors : []).map((error: Record<string, unknown>) => `${String(error.code)} ${String(error.message)}`).join("; ");
        throw new InventoryError(`GET ${url}: HTTP ${response.status}${errors ? ` (${errors})` : ""}`);
    }
    return body;
}

function jsonList(value: unknown): Record<string, any>[] {
    if (!Array.isArray(value) || !value.every((item) => typeof item === "object" && item !== null)) {
        throw new Error("expected a JSON list of objects");
    }
    return value;
}

function firstLine(text: string): string {
    return text.trim().split("\n")[0] ?? "";
}
