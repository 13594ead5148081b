/**
 * Deploying one stack, in this order (every step from `lock` on records a failure instead of stopping the build; see
 * recorded.ts):
 *   lock          one deployment of the stack at a time: wait (bounded) for another build's lock
 *   approval      prod: this build's approval, for the four-eyes check
 *   set-digests   build trigger only: the digests this build pushed go into the build's copy of the stack file
 *   prepare       what the stack released last (put back after a failure); the facts later steps need; the program
 *                 guard (the upstream deployed this program) and four eyes (prod) refuse here, before anything changes
 *   backup        demo and prod, when migrations run: an on-demand Cloud SQL backup; a failed backup stops the deploy
 *   schema        `pulumi up` of everything but the Cloud Run services: the migrations job gets the new migrator
 *   migrate       flyway validate, migrate, info, each a job execution whose log is copied into the build log
 *   up            `pulumi up`: the services move to the new digests
 *   secrets       the smoke logins' credentials from Secret Manager, for the smoke step only
 *   smoke         `npm run smoke`: the configured checks and the CORS preflights, on each public URL and canary URL
 *   release       the digests passed their smoke test: `pulumi up` records them in `releasedDigests`
 *   restore       only after a failure that changed something: the last released digests, `pulumi up`
 *   report        one line for the build's notification: deployed or why not, what was restored, what it deploys
 *   unlock        releases the lock; fails the build if any step failed, with the reason
 * A rollback entry skips backup, schema and migrate (see stackFacts.ts). Outputs name only what Cloud Run reports
 * serving, so the partial `pulumi up` of `schema` leaves them true.
 */
import { KEYS, migratorDigestPath, serviceDigestKey } from "../../../config";
import { lockStep, unlockStep } from "./lockSteps";
import { backupStep, migrateStep, schemaStep } from "./migrationSteps";
import { configSet, facts, INSTALL, login, PULUMI_ENV, stackOutputs, stackRef, up } from "./pulumiCommands";
import { recordedStep } from "./recorded";
import { shellQuote } from "./shell";
import { reportStep } from "./reportStep";
import { releaseStep, secretsStep, smokeStep } from "./smokeSteps";
import { BUILD_ENV, script, type ScriptStep } from "./step";
import { migratorImageKey, pulumiBuilder, type DeployTarget } from "./target";
import { handoff } from "./workspace";

export const INSTALL_STEP_ID = "install";

/** `npm ci`: the program, the policy pack and the tools all run from the commit's node_modules. */
export function installStep(waitFor?: string[]): ScriptStep {
    return { id: INSTALL_STEP_ID, builder: "pulumi", env: PULUMI_ENV, ...(waitFor ? { waitFor } : {}), script: script("pulumi", [INSTALL]) };
}

/** Prod: the build as Cloud Build describes it, with `approval.result.approverAccount`. */
export function approvalStep(target: DeployTarget): ScriptStep {
    const { stack } = target;
    return recordedStep(`approval-${stack}`, "gcloud", stack, [`gcloud builds describe "$BUILD_ID" --region "$LOCATION" --project "$PROJECT_ID" --format=json > ${handoff.build(stack)}`], BUILD_ENV);
}

export function setDigests(target: DeployTarget, images: NonNullable<DeployTarget["newDigests"]>): ScriptStep {
    const { stack } = target;
    return recordedStep(`set-digests-${stack}`, pulumiBuilder(target), stack, [
        login(target),
        ...images.services.map((service) => configSet(stack, shellQuote(serviceDigestKey(service)), `"$(cat ${handoff.digest(service)})"`)),
        ...images.migrators.map((service) => configSet(stack, shellQuote(migratorDigestPath(service).join(".")), `"$(cat ${handoff.digest(migratorImageKey(service))})"`)),
    ]);
}

export function prepare(target: DeployTarget): ScriptStep {
    const { stack, upstream } = target;
    const outputs = handoff.outputs(stack);
    const lines = [
        `# What this deployment deploys, on whose word: the report step tells the build's notification.`,
        `${facts(stack, "announce")} > ${handoff.announce(stack)}`,
        login(target),
        `# The pipeline never creates a stack: it must exist, with its secrets provider.`,
        `if ! ${stackOutputs(stack)} > ${outputs} 2> ${handoff.stackDir(stack)}/stack-error; then`,
        `    fail "cannot read stack ${stack} ($(head -n 1 ${handoff.stackDir(stack)}/stack-error)); if it does not exist yet, create it once: pulumi stack init ${stack} --secrets-provider ${shellQuote(target.secretsProvider)}"`,
        `fi`,
        `# What ${stack} released last (and the migrators that shipped with it): put back if a later step fails.`,
        `${facts(stack, "restore-digests")} < ${outputs} > ${handoff.restoreDigests(stack)}`,
        `if [[ ! -s ${handoff.restoreDigests(stack)} ]]; then`,
        `    echo "${stack} has released nothing yet (a first deployment): a failure will have nothing to restore"`,
        `fi`,
        `${facts(stack, "service-urns")} > ${handoff.serviceUrns(stack)}`,
        `${facts(stack, "migration-jobs")} > ${handoff.migrationJobs(stack)}`,
        `${facts(stack, "backup")} > ${handoff.backup(stack)}`,
        `${facts(stack, "smoke-secrets")} > ${handoff.smokeSecrets(stack)}`,
        `# Outside the stack's deploy windows only rollbacks and forced promotions deploy (bilko:promotion.windows).`,
        `if ! problem=$(${facts(stack, "deploy-window")} < ${outputs} 2>&1 > /dev/null); then`,
        `    fail "$problem"`,
        `fi`,
        ...(upstream
            ? [
                  `# Only program code ${upstream} has deployed may deploy ${stack}.`,
                  `${stackOutputs(upstream)} > ${handoff.stackDir(stack)}/upstream-outputs.json`,
                  `if ! problem=$(${facts(stack, "program-guard")} < ${handoff.stackDir(stack)}/upstream-outputs.json 2>&1 > /dev/null); then`,
                  `    fail "$problem"`,
                  `fi`,
              ]
            : []),
        ...(target.approval
            ? [
                  `# Four eyes: whoever approved this build must not have written the promotion it deploys.`,
                  `if ! problem=$(${facts(stack, "four-eyes")} < ${handoff.build(stack)} 2>&1 > /dev/null); then`,
                  `    fail "$problem"`,
                  `fi`,
              ]
            : []),
    ];
    return recordedStep(`prepare-${stack}`, pulumiBuilder(target), stack, lines);
}

export function moveTraffic(target: DeployTarget): ScriptStep {
    const { stack } = target;
    return recordedStep(`up-${stack}`, pulumiBuilder(target), stack, [
        login(target),
        `touch ${handoff.changed(stack)}`,
        up(stack),
        `# The rollout output names each canary candidate's own URL, which the smoke test checks too.`,
        `${stackOutputs(stack)} > ${handoff.outputsAfter(stack)}`,
    ]);
}

/** After a failure that changed the stack: its last released digests again. Never fails the build itself. */
export function restoreOnFailure(target: DeployTarget): ScriptStep {
    const { stack } = target;
    const failed = handoff.failed(stack);
    const restored = handoff.restored(stack);
    return {
        id: `restore-${stack}`,
        builder: pulumiBuilder(target),
        env: PULUMI_ENV,
        script: script(pulumiBuilder(target), [
            `if [[ ! -f ${failed} ]]; then`,
            `    exit 0`,
            `fi`,
            `if [[ ! -f ${handoff.changed(stack)} ]]; then`,
            `    echo "nothing in ${stack} had changed: nothing to restore" | tee ${restored}`,
            `    exit 0`,
            `fi`,
            `set -E`,
            `trap 'echo "restoring ${stack} failed at line $LINENO: a person takes over (docs/pipeline.md)" | tee ${restored} >&2; exit 0' ERR`,
            `mapfile -t previous < ${handoff.restoreDigests(stack)}`,
            `if (( \${#previous[@]} == 0 )); then`,
            `    echo "${stack} had released nothing before this build: nothing to restore; fix forward" | tee ${restored}`,
            `    exit 0`,
            `fi`,
            `echo "$(cat ${failed}): restoring the digests ${stack} released last" >&2`,
            login(target),
            `# The release step may have written it for the digests being taken back.`,
            `pulumi config rm --stack ${stackRef(stack)} ${KEYS.smokePassed} 2> /dev/null || true`,
            `for line in "\${previous[@]}"; do`,
            `    read -r key digest <<< "$line"`,
            `    ${configSet(stack, `"$key"`, `"$digest"`)}`,
            `done`,
            up(stack),
            `echo "${stack} runs its last released digests again" | tee ${restored}`,
        ]),
    };
}

/** The whole deployment of `target`, from `lock` to `unlock`. */
export function deploySteps(target: DeployTarget): ScriptStep[] {
    return [
        lockStep(target.stack, target.stateBucket),
        ...(target.approval ? [approvalStep(target)] : []),
        ...(target.newDigests ? [setDigests(target, target.newDigests)] : []),
        prepare(target),
        backupStep(target),
        schemaStep(target),
        migrateStep(target),
        moveTraffic(target),
        secretsStep(target),
        smokeStep(target),
        releaseStep(target),
        restoreOnFailure(target),
        reportStep(target.stack),
        unlockStep(target.stack, target.stateBucket),
    ];
}
