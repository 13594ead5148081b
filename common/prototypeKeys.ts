/**
 * `__proto__` as a key in parsed YAML or JSON: the parsers keep it as an own property, but the first copy into a plain
 * object (a spread, zod's records, an assignment) turns it into the prototype and the key silently disappears. Every
 * reader of outside data refuses it instead.
 */

const PROTOTYPE_KEY = "__proto__";

/** The path of the first `__proto__` key in `value` (depth first), if any. */
export function prototypeKeyPath(value: unknown, path: PropertyKey[] = []): PropertyKey[] | undefined {
    if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
            const found = prototypeKeyPath(value[index], [...path, index]);
            if (found) {
                return found;
            }
        }
        return undefined;
    }
    if (typeof value === "object" && value !== null) {
        for (const key of Object.keys(value)) {
            if (key === PROTOTYPE_KEY) {
                return [...path, key];
            }
            const found = prototypeKeyPath((value as Record<string, unknown>)[key], [...path, key]);
            if (found) {
                return found;
            }
        }
    }
    return undefined;
}

export const PROTOTYPE_KEY_REASON = `a key named "${PROTOTYPE_KEY}" is not allowed: JavaScript objects drop it, so its value would be silently ignored`;
