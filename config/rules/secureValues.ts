/**
 * `secure:` values where the program would hand them on in plain text. Pulumi decrypts every `secure:` value before the
 * program sees it, so one under `env` would be deployed as a plaintext environment variable; nothing else under
 * `bilko:services` takes a secret value either (secrets are named, by Secret Manager id, under `secrets`).
 */
import { KEYS } from "../keys";
import type { Problem } from "./problem";

const ENV_VALUE = new RegExp(`^${KEYS.services.replace(":", "\\:")}\\.[^.]+\\.env\\.[^.]+$`);

/** `securePaths`: where the stack file holds `secure:` values, as keys are written (or just the top-level key, when that is all Pulumi says). */
export function secureValueProblem(securePaths: readonly string[]): Problem | undefined {
    const path = securePaths.find((candidate) => candidate === KEYS.services || candidate.startsWith(`${KEYS.services}.`));
    if (path === undefined) {
        return undefined;
    }
    if (ENV_VALUE.test(path)) {
        return { key: path, reason: "is a secure: value, which Pulumi decrypts and the service would get as a plaintext env var; store it in Secret Manager and list it under secrets" };
    }
    return { key: path, reason: "holds a secure: value, and nothing under bilko:services takes one (a secure: env value would deploy as a plaintext env var); store secrets in Secret Manager and list them under secrets" };
}
