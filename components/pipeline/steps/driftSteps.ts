/**
 * The daily drift check of one stack (run by Cloud Scheduler through its manual trigger): `pulumi preview --refresh
 * --expect-no-changes` with the policy pack compares what runs in the cloud with what the program declares. When they
 * differ (someone ran `gcloud run services update` by hand), the report names the resources and the build fails, which
 * the drift notifier posts. Stage is checked at the digests it runs, as its pull-request preview is.
 */
import { facts, login, POLICY_PACK, PULUMI_ENV, stackRef, type PulumiBackend } from "./pulumiCommands";
import { syncRunningDigests } from "./previewSteps";
import { REPORT_CHARACTERS, REPORT_MAX_BYTES } from "./reportStep";
import { script, type ScriptStep } from "./step";
import { pulumiBuilder } from "./target";
import { handoff, HANDOFF_DIR } from "./workspace";

export function driftCommand(stack: string): string {
    return `pulumi preview --stack ${stackRef(stack)} --refresh --expect-no-changes --policy-pack ${POLICY_PACK} --json`;
}

export function driftStep(stack: string, backend: PulumiBackend, options: { runningDigests?: boolean; kubernetes?: boolean } = {}): ScriptStep {
    const builder = pulumiBuilder(options);
    const preview = `${HANDOFF_DIR}/drift-${stack}-preview.json`;
    const errors = `${HANDOFF_DIR}/drift-${stack}-preview.err`;
    const found = handoff.drift(stack);
    return {
        id: `drift-${stack}`,
        builder,
        env: PULUMI_ENV,
        script: script(builder, [
            login(backend),
            ...(options.runningDigests ? syncRunningDigests(stack, "drift") : []),
            `mkdir -p ${handoff.stackDir(stack)}`,
            `status=0`,
            `${driftCommand(stack)} > ${preview} 2> ${errors} || status=$?`,
            `if (( status == 0 )); then`,
            `    report="no drift in ${stack}"`,
            `else`,
            `    differs=$(${facts(stack, "drift")} < ${preview} 2> /dev/null || true)`,
            `    if [[ -n $differs ]]; then`,
            `        report="drift found in ${stack}: $differs. Reconcile: adopt the change into Pulumi.${stack}.yaml, or pulumi up it away (docs/operations.md)"`,
            `    else`,
            `        report="the drift check of ${stack} failed before it could compare: $(tail -n 1 ${errors})"`,
            `    fi`,
            `    echo "$report" > ${found}`,
            `fi`,
            `cat ${errors} >&2`,
            `report=$(printf '%s' "$report" | tr -cd '${REPORT_CHARACTERS}' | head -c ${REPORT_MAX_BYTES})`,
            `echo "report: $report"`,
            `if [[ -n \${BUILDER_OUTPUT:-} ]]; then`,
            `    printf '%s' "$report" > "$BUILDER_OUTPUT/output"`,
            `fi`,
        ]),
    };
}

/** Fails the build when the check found drift (or could not run), after the report was written. */
export function driftVerdictStep(stack: string): ScriptStep {
    const found = handoff.drift(stack);
    return {
        id: `verdict-${stack}`,
        builder: "gcloud",
        script: script("gcloud", [`if [[ -f ${found} ]]; then`, `    cat ${found} >&2`, `    exit 1`, `fi`, `echo "${stack} runs what the program declares"`]),
    };
}
