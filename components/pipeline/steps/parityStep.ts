/**
 * Pull requests: the parity report (`npm run parity`) of each promotion step, so a difference between two stacks
 * that `parity.yaml` does not declare, or a stale declaration, fails the pull request's build. Offline: it needs
 * the test step's `npm ci`, no credentials.
 */
import { shellQuote } from "./shell";
import { script, type ScriptStep } from "./step";

export const PARITY_STEP_ID = "parity";

/** Each stack with the next one, in promotion order: stage/demo, demo/prod. */
export function promotionPairs(stacks: readonly string[]): Array<[string, string]> {
    return stacks.slice(1).map((stack, index) => [stacks[index], stack]);
}

export function parityStep(stacks: readonly string[]): ScriptStep {
    return {
        id: PARITY_STEP_ID,
        builder: "pulumi",
        script: script("pulumi", [
            `# Every pair is reported, even after one fails; the step fails if any did.`,
            `failed=0`,
            ...promotionPairs(stacks).map(([a, b]) => `npm run --silent parity -- ${shellQuote(a)} ${shellQuote(b)} || failed=1`),
            `exit "$failed"`,
        ]),
    };
}
