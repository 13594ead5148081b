/** One HTTP request with a timeout, answered with status, lowercase headers and the raw body (nothing follows redirects). */
import * as http from "http";
import * as https from "https";
import type { Response } from "./checks";

export interface Request {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    timeoutMs: number;
}

export class RequestFailed extends Error {}

export function send(request: Request): Promise<Response> {
    return new Promise((resolve, reject) => {
        const url = new URL(request.url);
        const client = url.protocol === "https:" ? https : http;
        const headers = { ...request.headers, ...(request.body !== undefined ? { "Content-Length": String(Buffer.byteLength(request.body)) } : {}) };
        const outgoing = client.request(url, { method: request.method, headers, timeout: request.timeoutMs }, (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
            incoming.on("end", () => {
                const received = Object.fromEntries(Object.entries(incoming.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]));
                resolve({ status: incoming.statusCode ?? 0, headers: received, body: Buffer.concat(chunks) });
            });
            incoming.on("error", (error) => reject(new RequestFailed(error.message)));
        });
        outgoing.on("timeout", () => outgoing.destroy(new RequestFailed(`no answer within ${request.timeoutMs / 1000} s`)));
        outgoing.on("error", (error) => reject(error instanceof RequestFailed ? error : new RequestFailed(error.message)));
        outgoing.end(request.body);
    });
}
