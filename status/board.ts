/**
 * The status board, decided from data only: per service and stack, the digest the stack runs and the commit it was
 * built from (its `sha-<commit>` tag), since when (the first successful update, in the stack's history, that deployed
 * it), how long it has baked, whether it may be promoted into the next stack now and if not which guards say no
 * (upstream, bake, window, program), and whether the stack file says something else than what runs.
 */
import { isDigest } from "../components/registry/images";
import type { StackConfig } from "../config";
import { checkProgram } from "../promotion/programGuard";
import { parseReleasedDigests } from "../promotion/releases";
import { describeLocal, windowVerdict } from "../promotion/windows";

export type Guard = "upstream" | "bake" | "window" | "program";

export interface Blocker {
    guard: Guard;
    reason: string;
}

export interface Cell {
    /** What the stack reports running (`services.<name>.digest`); absent when it reports none. */
    digest?: string;
    /** The commit of its `sha-<commit>` tag, when the registry told. */
    commit?: string;
    /** End of the first successful update of the run of updates that deployed this digest (ISO time). */
    deployedAt?: string;
    /** Minutes since then. */
    bakedMinutes?: number;
    /** The stack it would be promoted into; absent for the last stack. */
    next?: string;
    /** `promotable`: the next stack may take it now; `current`: it runs it already; `held`: a guard says no. */
    promotion: "promotable" | "current" | "held" | "last";
    blockers: Blocker[];
    /** The digest the stack file names, when it differs from what runs. */
    fileDigest?: string;
}

export interface StackInput {
    config: StackConfig;
    /** `pulumi stack output --json`. */
    outputs: Record<string, unknown>;
    /** `pulumi stack history --json`: updates, any order. */
    history: unknown[];
}

export interface Board {
    generatedAt: string;
    stacks: string[];
    services: string[];
    cells: Record<string, Record<string, Cell>>;
    /** The program this checkout would deploy (its hash): what the program guard compares. */
    program: string;
    /** Things the board could not learn (e.g. the registry's tags), one line each. */
    notes: string[];
}

export interface BoardInput {
    stacks: StackInput[];
    /** Digest -> commit, from the registry's `sha-<commit>` tags, per service. */
    commits: Record<string, Record<string, string>>;
    programHash: string;
    now: Date;
    notes?: string[];
}

interface Update {
    version: number;
    endTime?: string;
    digest?: string;
}

/** The service's digest in an update's config: Pulumi prints structured values as JSON text. */
function digestInUpdate(update: Record<string, unknown>, service: string): string | undefined {
    const raw = (update.config as Record<string, unknown> | undefined)?.["bilko:services"];
    let services: unknown = raw;
    if (typeof raw === "string") {
        try {
            services = JSON.parse(raw);
        } catch {
            return undefined;
        }
    }
    const digest = (services as Record<string, { digest?: unknown }> | undefined)?.[service]?.digest;
    return isDigest(digest) ? digest : undefined;
}

function successfulUpdates(history: unknown[], service: string): Update[] {
    return history
        .filter((update): update is Record<string, unknown> => typeof update === "object" && update !== null && (update as Record<string, unknown>).kind === "update" && (update as Record<string, unknown>).result === "succeeded")
        .map((update) => ({ version: Number(update.version), endTime: typeof update.endTime === "string" ? update.endTime : undefined, digest: digestInUpdate(update, service) }))
        .sort((a, b) => b.version - a.version);
}

/** When `digest` started running: the oldest of the newest run of successful updates that deployed it. */
export function deployedAt(history: unknown[], service: string, digest: string): string | undefined {
    let since: string | undefined;
    for (const update of successfulUpdates(history, service)) {
        if (update.digest !== digest) {
            break;
        }
        since = update.endTime ?? since;
    }
    return since;
}

/** End of the stack's last successful update: what promotion's bake time counts from. */
function lastDeployment(history: unknown[]): Date | undefined {
    const ends = successfulUpdates(history, "").map((update) => (update.endTime ? Date.parse(update.endTime) : NaN)).filter((time) => !Number.isNaN(time));
    return ends.length > 0 ? new Date(Math.max(...ends)) : undefined;
}

function own(record: unknown, key: string): unknown {
    return typeof record === "object" && record !== null && Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

export function board(input: BoardInput): Board {
    const stacks = input.stacks.map((stack) => stack.config.stack);
    const services = [...new Set(input.stacks.flatMap((stack) => Object.keys(stack.config.services)))];
    const cells: Board["cells"] = {};
    for (const service of services) {
        cells[service] = {};
        input.stacks.forEach((stack, index) => {
            const next = input.stacks.slice(index + 1).find((candidate) => candidate.config.upstream === stack.config.stack);
            cells[service][stack.config.stack] = cell(service, stack, next, input);
        });
    }
    return { generatedAt: input.now.toISOString(), stacks, services, cells, program: input.programHash, notes: input.notes ?? [] };
}

function cell(service: string, stack: StackInput, next: StackInput | undefined, input: BoardInput): Cell {
    const reported = own(own(stack.outputs, "services"), service);
    const digest = own(reported, "digest");
    const running = isDigest(digest) ? digest : undefined;
    const configured = stack.config.services[service]?.digest;
    const since = running ? deployedAt(stack.history, service, running) : undefined;
    const base: Cell = {
        ...(running ? { digest: running } : {}),
        ...(running && input.commits[service]?.[running] ? { commit: input.commits[service][running] } : {}),
        ...(since ? { deployedAt: since, bakedMinutes: Math.max(0, Math.floor((input.now.getTime() - Date.parse(since)) / 60000)) } : {}),
        ...(configured && configured !== running ? { fileDigest: configured } : {}),
        promotion: "last",
        blockers: [],
    };
    if (!next || !next.config.services[service]) {
        return base;
    }
    const nextRuns = own(own(own(next.outputs, "services"), service), "digest");
    if (running && nextRuns === running) {
        return { ...base, next: next.config.stack, promotion: "current" };
    }
    const blockers = promotionBlockers(service, running, stack, next, input);
    return { ...base, next: next.config.stack, promotion: blockers.length === 0 ? "promotable" : "held", blockers };
}

/** The guards `npm run promote` and the deploy trigger apply, read from what the stacks report now. */
function promotionBlockers(service: string, running: string | undefined, stack: StackInput, next: StackInput, input: BoardInput): Blocker[] {
    const blockers: Blocker[] = [];
    const from = stack.config.stack;
    const parsed = parseReleasedDigests(own(stack.outputs, "releasedDigests"));
    const released = "digests" in parsed ? (parsed.digests[service] ?? []) : [];
    if (!running) {
        blockers.push({ guard: "upstream", reason: `${from} reports no digest for ${service}` });
    } else if (!released.includes(running)) {
        blockers.push({ guard: "upstream", reason: `${from} has not released it (its smoke test has not passed there)` });
    }
    const bake = next.config.promotion.minBakeMinutes;
    if (bake > 0) {
        const deployed = lastDeployment(stack.history);
        const age = deployed ? Math.floor((input.now.getTime() - deployed.getTime()) / 60000) : undefined;
        if (age === undefined || age < bake) {
            blockers.push({ guard: "bake", reason: age === undefined ? `${from} has no successful deployment; ${next.config.stack} asks for ${bake} minutes of bake time` : `${from} last deployed ${age} minutes ago; ${next.config.stack} asks for ${bake}` });
        }
    }
    const window = windowVerdict(next.config.stack, next.config.promotion.windows, input.now);
    if (!window.open) {
        blockers.push({ guard: "window", reason: window.nextOpen ? `closed; opens ${describeLocal(window.nextOpen, next.config.promotion.windows!.timeZone)}` : window.reason });
    }
    const program = checkProgram({ file: next.config.file, upstream: from, hash: input.programHash, upstreamProgram: own(stack.outputs, "program") });
    if (!program.ran) {
        blockers.push({ guard: "program", reason: `${from} has not deployed this checkout's program` });
    }
    return blockers;
}
