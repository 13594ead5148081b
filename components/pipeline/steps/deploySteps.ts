/**
 * Deploying one stack, in this order:
 *   prepare         record what the stack runs now (put back if anything later fails) and the facts later steps need
 *   set-digests     build trigger only: the digests this build pushed go into the stack
 *   migrations-job  `pulumi up --target` the migrations job alone: it now runs the NEW digest, services still the old
 *   migrate         `gcloud run jobs execute --wait`: the schema moves before any traffic does
 *   up              `pulumi up`: the services move to the new digest
 *   smoke           each service's health URL (and a canary candidate's own URL), with bounded retries
 *   restore         if any step since migrations-job failed: the previous digests, `pulumi up`, and the build fails
 * From migrations-job on, a failing step records itself and later steps stand aside: even a targeted update rewrites
 * the stack's outputs from the new config, so only a full `pulumi up` at the previous digests leaves the stack, its
 * outputs and its migrations job saying what really serves.
 */
import { serviceDigestKey } from "../../../config";
import { configSet, facts, INSTALL, login, PULUMI_ENV, stackRef, up, type PulumiBackend } from "./pulumiCommands";
import { script, type Builder, type ScriptStep } from "./step";
import { shellQuote } from "./shell";
import { handoff } from "./workspace";

/** Smoke test: each URL gets this many tries, this many seconds apart (about a minute in all). */
export const SMOKE_ATTEMPTS = 12;
export const SMOKE_DELAY_SECONDS = 5;

export interface DeployTarget extends PulumiBackend {
    stack: string;
    /** Build trigger only: services whose freshly pushed digest is set into the stack before deploying it. */
    newDigests?: readonly string[];
}

export const INSTALL_STEP_ID = "install";

/** `npm ci`: the program, the policy pack and the facts tool all run from the commit's node_modules. */
export function installStep(waitFor?: string[]): ScriptStep {
    return { id: INSTALL_STEP_ID, builder: "pulumi", env: PULUMI_ENV, ...(waitFor ? { waitFor } : {}), script: script("pulumi", [INSTALL]) };
}

export function prepare(target: DeployTarget, waitFor?: string[]): ScriptStep {
    const { stack } = target;
    return {
        id: `prepare-${stack}`,
        builder: "pulumi",
        env: PULUMI_ENV,
        ...(waitFor ? { waitFor } : {}),
        script: script("pulumi", [
            `mkdir -p ${handoff.stackDir(stack)}`,
            login(target),
            `# What ${stack} runs now: put back if a later step fails.`,
            `pulumi stack output services --json --stack ${stackRef(stack)} | ${facts(stack, "previous-digests")} > ${handoff.previousDigests(stack)}`,
            `${facts(stack, "health-urls")} > ${handoff.healthUrls(stack)}`,
            `${facts(stack, "migration-jobs")} > ${handoff.migrationJobs(stack)}`,
            `${facts(stack, "migration-targets")} > ${handoff.migrationTargets(stack)}`,
        ]),
    };
}

export function setDigests(target: DeployTarget, services: readonly string[], waitFor: string[]): ScriptStep {
    return {
        id: `set-digests-${target.stack}`,
        builder: "pulumi",
        env: PULUMI_ENV,
        waitFor,
        script: script("pulumi", [
            login(target),
            ...services.map((service) => configSet(target.stack, shellQuote(serviceDigestKey(service)), `"$(cat ${handoff.digest(service)})"`)),
        ]),
    };
}

/**
 * A step whose failure is recorded for the restore step instead of stopping the build, and which stands aside once
 * an earlier step has failed.
 */
function recordedStep(id: string, builder: Builder, stack: string, lines: string[]): ScriptStep {
    const failed = handoff.failed(stack);
    return {
        id,
        builder,
        ...(builder === "pulumi" ? { env: PULUMI_ENV } : {}),
        script: script(builder, [
            `if [[ -f ${failed} ]]; then`,
            `    echo "skipped: $(cat ${failed})"`,
            `    exit 0`,
            `fi`,
            `# A failure is written down, not fatal: restore-${stack} puts back the previous digests and fails the build.`,
            `trap 'echo "${id} failed" > ${failed}; exit 0' ERR`,
            ...lines,
        ]),
    };
}

export function migrationsJob(target: DeployTarget): ScriptStep {
    const { stack } = target;
    return recordedStep(`migrations-job-${stack}`, "pulumi", stack, [
        `mapfile -t targets < ${handoff.migrationTargets(stack)}`,
        `if (( \${#targets[@]} == 0 )); then`,
        `    echo "${stack} has no migrations job"`,
        `    exit 0`,
        `fi`,
        `target_flags=()`,
        `for urn in "\${targets[@]}"; do`,
        `    target_flags+=(--target "$urn")`,
        `done`,
        login(target),
        `# Only the migrations job (and what it needs) moves to the new digest; the services keep serving the old one.`,
        up(stack, `"\${target_flags[@]}"`),
    ]);
}

export function migrate(target: DeployTarget): ScriptStep {
    const { stack } = target;
    return recordedStep(`migrate-${stack}`, "gcloud", stack, [
        `mapfile -t jobs < ${handoff.migrationJobs(stack)}`,
        `for line in "\${jobs[@]}"; do`,
        `    read -r job region project <<< "$line"`,
        `    echo "running migrations job $job (${stack}) and waiting for it"`,
        `    gcloud run jobs execute "$job" --region "$region" --project "$project" --wait`,
        `done`,
    ]);
}

export function moveTraffic(target: DeployTarget): ScriptStep {
    const { stack } = target;
    return recordedStep(`up-${stack}`, "pulumi", stack, [
        login(target),
        up(stack),
        `# A canary's candidate serves only a share of the public hostname: smoke-test its own tagged URL as well.`,
        `pulumi stack output rollout --json --stack ${stackRef(stack)} | ${facts(stack, "smoke-urls")} > ${handoff.healthUrls(stack)}`,
    ]);
}

export function smokeTest(target: DeployTarget): ScriptStep {
    const { stack } = target;
    return recordedStep(`smoke-${stack}`, "gcloud", stack, [
        `mapfile -t urls < ${handoff.healthUrls(stack)}`,
        `for url in "\${urls[@]}"; do`,
        `    healthy=false`,
        `    for attempt in $(seq 1 ${SMOKE_ATTEMPTS}); do`,
        `        if curl --fail --silent --show-error --max-time 10 --output /dev/null "$url"; then`,
        `            healthy=true`,
        `            break`,
        `        fi`,
        `        echo "attempt $attempt of ${SMOKE_ATTEMPTS}: $url is not healthy yet"`,
        `        sleep ${SMOKE_DELAY_SECONDS}`,
        `    done`,
        `    if [[ $healthy == false ]]; then`,
        `        echo "smoke-${stack} failed: $url is not healthy" | tee ${handoff.failed(stack)} >&2`,
        `        exit 0`,
        `    fi`,
        `    echo "$url is healthy"`,
        `done`,
    ]);
}

export function restoreOnFailure(target: DeployTarget): ScriptStep {
    const { stack } = target;
    const failed = handoff.failed(stack);
    return {
        id: `restore-${stack}`,
        builder: "pulumi",
        env: PULUMI_ENV,
        script: script("pulumi", [
            `if [[ ! -f ${failed} ]]; then`,
            `    echo "${stack} is deployed and healthy"`,
            `    exit 0`,
            `fi`,
            `echo "$(cat ${failed}): restoring the digests ${stack} ran before this build" >&2`,
            login(target),
            `mapfile -t previous < ${handoff.previousDigests(stack)}`,
            `for line in "\${previous[@]}"; do`,
            `    read -r key digest <<< "$line"`,
            `    ${configSet(stack, `"$key"`, `"$digest"`)}`,
            `done`,
            up(stack),
            `echo "${stack} runs its previous digests again; failing the build" >&2`,
            `exit 1`,
        ]),
    };
}

/** The whole deployment of `target`, from `prepare` to `restore`; `prepareAfter` lets it start before the images are done. */
export function deploySteps(target: DeployTarget, options: { prepareAfter?: string[]; digestsAfter?: string[] } = {}): ScriptStep[] {
    const steps = [prepare(target, options.prepareAfter)];
    if (target.newDigests && target.newDigests.length > 0) {
        steps.push(setDigests(target, target.newDigests, [steps[0].id, ...(options.digestsAfter ?? [])]));
    }
    return [...steps, migrationsJob(target), migrate(target), moveTraffic(target), smokeTest(target), restoreOnFailure(target)];
}
