/**
 * One deploy per stack at a time. Pulumi's own stack lock makes a second `pulumi up` fail at once, which would stop a
 * build half-way through its steps; so each deployment first takes a lock of its own, an object in the state bucket
 * created only if absent (a generation-0 precondition), and waits for it, bounded, with a message. The last step
 * releases it. A lock older than any build may run belongs to a build that died: it is taken over.
 */
import { recordedStep } from "./recorded";
import { shellQuote } from "./shell";
import { BUILD_ENV, script, type ScriptStep } from "./step";
import { handoff } from "./workspace";

/** How long a build waits for another build of the same stack, and how often it looks. */
export const LOCK_WAIT_SECONDS = 2400;
export const LOCK_POLL_SECONDS = 20;
/** A lock older than the longest build (the triggers' timeout, 3600 s) and a margin is stale. */
export const LOCK_STALE_SECONDS = 4200;

/** `gs://<bucket>/.bilko/locks/<stack>`: next to the Pulumi state, where every deploying account may write. */
export function lockObject(stateBucket: string, stack: string): string {
    return `gs://${stateBucket}/.bilko/locks/${stack}`;
}

export function lockStep(stack: string, stateBucket: string): ScriptStep {
    return recordedStep(
        `lock-${stack}`,
        "gcloud",
        stack,
        [
            `mkdir -p ${handoff.stackDir(stack)}`,
            `lock=${shellQuote(lockObject(stateBucket, stack))}`,
            `deadline=$(( $(date +%s) + ${LOCK_WAIT_SECONDS} ))`,
            `echo "$BUILD_ID $(date +%s)" > ${handoff.lock(stack)}`,
            `# --if-generation-match=0: created only if no lock exists; another build's lock fails it with a precondition error.`,
            `until output=$(gcloud storage cp --if-generation-match=0 ${handoff.lock(stack)} "$lock" 2>&1); do`,
            `    if [[ $output != *412* && $output != *[Pp]recondition* ]]; then`,
            `        fail "cannot write the deploy lock $lock: $output"`,
            `    fi`,
            `    if (( $(date +%s) > deadline )); then`,
            `        fail "${stack} is still being deployed by another build after ${LOCK_WAIT_SECONDS} s of waiting; if no build is running, remove $lock and retry"`,
            `    fi`,
            `    # Gone already (the other build just finished): try again at once.`,
            `    if ! holder=$(gcloud storage cat "$lock" 2>/dev/null); then`,
            `        continue`,
            `    fi`,
            `    read -r holder_build holder_since <<< "$holder" || true`,
            `    [[ \${holder_since:-} =~ ^[0-9]+$ ]] || holder_since=0`,
            `    age=$(( $(date +%s) - holder_since ))`,
            `    if (( age > ${LOCK_STALE_SECONDS} )); then`,
            `        echo "the ${stack} deploy lock of build \${holder_build:-unknown} is $age s old, older than any build runs: taking it over"`,
            `        generation=$(gcloud storage objects describe "$lock" --format='value(generation)' || echo 0)`,
            `        # Only that lock: another waiter may have taken it over already.`,
            `        gcloud storage rm --if-generation-match="$generation" "$lock" || true`,
            `        continue`,
            `    fi`,
            `    echo "${stack} is being deployed by build \${holder_build:-unknown} (for $age s); waiting for it to finish"`,
            `    sleep ${LOCK_POLL_SECONDS}`,
            `done`,
            `touch ${handoff.lockHeld(stack)}`,
            `echo "build $BUILD_ID holds the ${stack} deploy lock"`,
        ],
        BUILD_ENV,
    );
}

/** Always runs: releases the lock if this build holds it, then fails the build when a deploy step failed. */
export function unlockStep(stack: string, stateBucket: string): ScriptStep {
    const failed = handoff.failed(stack);
    return {
        id: `unlock-${stack}`,
        builder: "gcloud",
        env: BUILD_ENV,
        script: script("gcloud", [
            `if [[ -f ${handoff.lockHeld(stack)} ]]; then`,
            `    gcloud storage rm ${shellQuote(lockObject(stateBucket, stack))} || echo "the ${stack} deploy lock was gone already"`,
            `    echo "released the ${stack} deploy lock"`,
            `fi`,
            `if [[ ! -f ${failed} ]]; then`,
            `    echo "${stack} is deployed, smoke-tested and released"`,
            `    exit 0`,
            `fi`,
            `echo "${stack} was not deployed: $(cat ${failed})" >&2`,
            `if [[ -f ${handoff.restored(stack)} ]]; then`,
            `    cat ${handoff.restored(stack)} >&2`,
            `fi`,
            `if [[ -f ${handoff.backupId(stack)} ]]; then`,
            `    echo "database backup taken before migrating: $(cat ${handoff.backupId(stack)}) (docs/promotion.md: restoring from it)" >&2`,
            `fi`,
            `exit 1`,
        ]),
    };
}
