/**
 * What differs between two stacks by construction, replaced by the stack output that explains it, so that only
 * differences of intent remain. Each stack is normalised with its own values only: demo's reference to stage's
 * hostname stays as it is, and is reported.
 *
 *   its hostnames               -> {services.<service>.hostname}   (also as the edge's resource-name slug)
 *   its database instance       -> {database.instance}
 *   its revision names          -> {rollout.<service>.candidate} / {rollout.<service>.stable}
 *   its environment             -> removed as a name suffix (`bilko-api-stage` -> `bilko-api`, as prod names it),
 *                                  {environment} where it stands as a word (`environment: prod`)
 *   its digests, when promoted  -> {services.<service>.digest}   (see promotedServices), and the migrator digest
 *                                  that travels with it (`npm run promote` copies the pair) -> {services.<service>.migrator}
 */
import type { RolloutOutputs } from "../components/cloudrun/rolloutOutput";
import { hostnameSlug } from "../components/edge/names";
import type { StackPlan } from "../offline/evaluate";
import type { UpstreamVerdict } from "../promotion/upstreamGuard";

/** A stack evaluated offline, and the stacks it promotes from. */
export interface StackSide {
    plan: StackPlan;
    /** `bilko:upstream` of this stack, then of that one, and so on: nearest first. */
    ancestors: readonly string[];
}

export interface Normaliser {
    /** A logical resource name with this stack's hostnames and environment replaced. */
    name(logical: string): string;
    /** A resource input with every string normalised. */
    value(input: unknown): unknown;
}

interface Replacement {
    pattern: RegExp;
    to: string;
}

/** Not inside a longer word or name: neighbours that are letters or digits do not match. */
const WORD = (text: string) => new RegExp(`(?<![A-Za-z0-9])${escape(text)}(?![A-Za-z0-9])`, "g");
/** A hostname is not part of a longer hostname either. */
const HOST = (text: string) => new RegExp(`(?<![A-Za-z0-9.-])${escape(text)}(?![A-Za-z0-9.-])`, "g");

/**
 * Services whose digests count as the same image in both stacks: when one stack is the other's upstream (directly
 * or through the stacks between), the downstream stack's digest for the service ran in its own upstream (its
 * upstream guard says "ran", not "forced"). Every hop of the chain is checked the same way by its own guard.
 */
export function promotedServices(a: StackSide, b: StackSide): Set<string> {
    const [upstream, downstream] = b.ancestors.includes(a.plan.stack) ? [a, b] : a.ancestors.includes(b.plan.stack) ? [b, a] : [undefined, undefined];
    if (!upstream || !downstream) {
        return new Set();
    }
    const verdicts = downstream.plan.outputs.upstreamGuard as UpstreamVerdict | undefined;
    const ran = (verdicts?.services ?? []).filter((verdict) => verdict.verdict === "ran").map((verdict) => verdict.service);
    return new Set(ran.filter((service) => service in upstream.plan.outputs.services));
}

export function normaliserFor(plan: StackPlan, promoted: ReadonlySet<string>): Normaliser {
    const { outputs } = plan;
    const services = Object.entries(outputs.services);
    const rollout = Object.entries(outputs.rollout as Record<string, RolloutOutputs>);
    const hostnames = [...services].sort(([, x], [, y]) => y.hostname.length - x.hostname.length);
    const environment: Replacement[] = [
        { pattern: new RegExp(`-${escape(outputs.environment)}(?![A-Za-z0-9])`, "g"), to: "" },
        { pattern: WORD(outputs.environment), to: "{environment}" },
    ];
    const values: Replacement[] = [
        ...rollout.flatMap(([service, state]) =>
            (["candidate", "stable"] as const).flatMap((role) => (state[role] ? [{ pattern: WORD(state[role]), to: `{rollout.${service}.${role}}` }] : [])),
        ),
        ...services
            .filter(([service]) => promoted.has(service))
            .flatMap(([service, out]) => [
                { pattern: new RegExp(escape(out.digest), "g"), to: `{services.${service}.digest}` },
                ...(out.migrator ? [{ pattern: new RegExp(escape(out.migrator), "g"), to: `{services.${service}.migrator}` }] : []),
            ]),
        ...hostnames.map(([service, out]) => ({ pattern: HOST(out.hostname), to: `{services.${service}.hostname}` })),
        { pattern: WORD(outputs.database.instance), to: "{database.instance}" },
        ...environment,
    ];
    const names: Replacement[] = [...hostnames.map(([service, out]) => ({ pattern: WORD(hostnameSlug(out.hostname)), to: `{services.${service}.hostname}` })), ...environment];
    const valueOf = (input: unknown): unknown => {
        if (typeof input === "string") {
            return replaceAll(input, values);
        }
        if (Array.isArray(input)) {
            return input.map(valueOf);
        }
        if (input !== null && typeof input === "object") {
            return Object.fromEntries(Object.entries(input).map(([key, inner]) => [key, valueOf(inner)]));
        }
        return input;
    };
    return { name: (logical) => replaceAll(logical, names), value: valueOf };
}

function replaceAll(text: string, replacements: readonly Replacement[]): string {
    return replacements.reduce((result, { pattern, to }) => result.replace(pattern, to), text);
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `stack`'s upstream, that one's upstream, and so on, nearest first; `upstreamOf` answers one hop. */
export function ancestorsOf(stack: string, upstreamOf: (stack: string) => string | undefined): string[] {
    const ancestors: string[] = [];
    for (let next = upstreamOf(stack); next !== undefined && next !== stack && !ancestors.includes(next); next = upstreamOf(next)) {
        ancestors.push(next);
    }
    return ancestors;
}
