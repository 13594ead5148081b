/**
 * A deploy step whose failure is recorded instead of stopping the build. Cloud Build stops at a failing step, which
 * would leave the stack half-deployed and its deploy lock held; so each deploy step writes why it failed to
 * `failed` and exits 0, later steps see that file and stand aside, and the last two steps restore (if anything had
 * changed), release the lock and fail the build with the reason.
 */
import { PULUMI_ENV } from "./pulumiCommands";
import { script, type Builder, type ScriptStep } from "./step";
import { handoff } from "./workspace";

/** Builders that run the Pulumi CLI, and get its env. */
const PULUMI_BUILDERS: readonly Builder[] = ["pulumi", "pulumiGke"];

export function recordedStep(id: string, builder: Builder, stack: string, lines: readonly string[], env: readonly string[] = []): ScriptStep {
    const failed = handoff.failed(stack);
    // `fail "<why>"` records an expected failure in words; any other failing command is recorded by the trap.
    const failFunction = lines.some((line) => /(^|\s)fail "/.test(line)) ? [`fail() { echo "${id}: $1" | tee ${failed} >&2; exit 0; }`] : [];
    const allEnv = [...(PULUMI_BUILDERS.includes(builder) ? PULUMI_ENV : []), ...env];
    return {
        id,
        builder,
        ...(allEnv.length > 0 ? { env: allEnv } : {}),
        script: script(builder, [
            `if [[ -f ${failed} ]]; then`,
            `    echo "skipped: $(cat ${failed})"`,
            `    exit 0`,
            `fi`,
            `# A failure is written down, not fatal: the last steps restore, release the lock and fail the build. Inside a`,
            `# command substitution the trap only fails that subshell, so the assignment fails here and stops the step.`,
            `set -E`,
            `trap '(( BASH_SUBSHELL > 0 )) && exit 1; echo "${id} failed at line $LINENO" > ${failed}; exit 0' ERR`,
            ...failFunction,
            ...lines,
        ]),
    };
}
