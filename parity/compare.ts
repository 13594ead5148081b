/**
 * Every way two evaluated stacks differ: resources paired by their normalised logical name, then every input
 * compared leaf by leaf (and whether Pulumi protects the resource). Lists of objects that carry a `name` (env vars,
 * database flags, volumes) are compared by that name, so an extra entry does not shift the others.
 */
import { canonicalJson } from "../components/cloudrun/revisions";
import { RESOURCE_PROPERTY } from "./declarations";
import { normaliserFor, promotedServices, type Normaliser, type StackSide } from "./normalise";

/** The value of a property a stack does not have. */
export const ABSENT: unique symbol = Symbol("absent");
export type Value = unknown;

export interface Difference {
    /** Normalised logical name, e.g. `database-instance`, `edge-{services.api.hostname}-record`. */
    resource: string;
    /** Path into the inputs (`settings.databaseFlags[log_connections].value`), or `(resource)`, `(type)`, `(protect)`. */
    property: string;
    /** Normalised values in stack A and stack B; `ABSENT` where that stack has no such resource or property. */
    a: Value;
    b: Value;
}

interface Compared {
    type: string;
    inputs: unknown;
    protect: boolean;
}

export interface Comparison {
    /** Normalised logical names of every cloud resource of either stack, sorted. */
    resources: string[];
    differences: Difference[];
}

export function compareStacks(a: StackSide, b: StackSide): Comparison {
    const promoted = promotedServices(a, b);
    const left = resourcesByName(a, normaliserFor(a.plan, promoted));
    const right = resourcesByName(b, normaliserFor(b.plan, promoted));
    const resources = [...new Set([...left.keys(), ...right.keys()])].sort();
    return { resources, differences: resources.flatMap((resource) => resourceDifferences(resource, left.get(resource), right.get(resource))) };
}

function resourceDifferences(resource: string, a: Compared | undefined, b: Compared | undefined): Difference[] {
    if (!a || !b) {
        return [{ resource, property: RESOURCE_PROPERTY, a: a?.type ?? ABSENT, b: b?.type ?? ABSENT }];
    }
    if (a.type !== b.type) {
        return [{ resource, property: "(type)", a: a.type, b: b.type }];
    }
    const found: Difference[] = [];
    valueDifferences(a.inputs, b.inputs, "", (property, x, y) => found.push({ resource, property, a: x, b: y }));
    if (a.protect !== b.protect) {
        found.push({ resource, property: "(protect)", a: a.protect, b: b.protect });
    }
    return found;
}

/** Cloud resources only: components hold no inputs of their own, their children are compared. */
function resourcesByName(side: StackSide, normalise: Normaliser): Map<string, Compared> {
    const byName = new Map<string, Compared>();
    for (const resource of side.plan.resources.filter((candidate) => candidate.custom)) {
        const name = normalise.name(resource.name);
        if (byName.has(name)) {
            throw new Error(`stack ${side.plan.stack}: two resources normalise to the same name "${name}"; parity cannot pair them`);
        }
        byName.set(name, { type: resource.type, inputs: normalise.value(resource.inputs), protect: resource.options.protect });
    }
    return byName;
}

type Report = (property: string, a: Value, b: Value) => void;

function valueDifferences(a: Value, b: Value, path: string, report: Report): void {
    if (a !== ABSENT && b !== ABSENT) {
        if (isRecord(a) && isRecord(b)) {
            for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
                valueDifferences(key in a ? a[key] : ABSENT, key in b ? b[key] : ABSENT, join(path, key), report);
            }
            return;
        }
        if (Array.isArray(a) && Array.isArray(b) && isNamedList(a) && isNamedList(b)) {
            const byName = (list: Array<Record<string, unknown>>) => new Map(list.map((item) => [item.name as string, item]));
            const [left, right] = [byName(a), byName(b)];
            for (const name of new Set([...left.keys(), ...right.keys()])) {
                valueDifferences(left.get(name) ?? ABSENT, right.get(name) ?? ABSENT, `${path}[${name}]`, report);
            }
            return;
        }
        if (Array.isArray(a) && Array.isArray(b) && a.every(isRecord) && b.every(isRecord)) {
            for (let index = 0; index < Math.max(a.length, b.length); index++) {
                valueDifferences(index < a.length ? a[index] : ABSENT, index < b.length ? b[index] : ABSENT, `${path}[${index}]`, report);
            }
            return;
        }
    }
    if (a === ABSENT || b === ABSENT || canonicalJson(a) !== canonicalJson(b)) {
        report(path, a, b);
    }
}

function join(path: string, key: string): string {
    const part = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
    return path === "" ? part : part.startsWith('"') ? `${path}[${part}]` : `${path}.${part}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Objects each with a distinct string `name`: compared by name rather than by position. */
function isNamedList(list: unknown[]): list is Array<Record<string, unknown>> {
    const names = list.map((item) => (isRecord(item) && typeof item.name === "string" ? item.name : undefined));
    return names.every((name) => name !== undefined) && new Set(names).size === names.length;
}
