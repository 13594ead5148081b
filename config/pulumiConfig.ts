/** Between Pulumi's flat string map of config and the typed values the schema reads. */
import { STRING_KEYS } from "./schema";

/**
 * Turns Pulumi's flat string map (`pulumi.runtime.allConfig()`) into typed values: structured keys are JSON text,
 * plain keys stay strings. Keys outside `gcp:project`, `gcp:region` and `bilko:` are not ours and are dropped.
 */
export function decodePulumiConfig(flat: Record<string, string>): Record<string, unknown> {
    const decoded: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(flat)) {
        if (!key.startsWith("bilko:") && !STRING_KEYS.has(key)) {
            continue;
        }
        decoded[key] = STRING_KEYS.has(key) ? text : parseJsonOrKeep(text);
    }
    return decoded;
}

/** The inverse, used by the offline plan so it feeds the program exactly what Pulumi would. */
export function encodePulumiConfig(values: Record<string, unknown>): Record<string, string> {
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
        flat[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return flat;
}

function parseJsonOrKeep(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
