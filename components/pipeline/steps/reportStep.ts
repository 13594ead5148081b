/**
 * The deployment's report, for its notification: one line written to `$BUILDER_OUTPUT/output`, which Cloud Build
 * keeps in the Build resource (`results.buildStepOutputs`) and so in the build's last message on the `cloud-builds`
 * topic, where the Slack notifier prints it. It always exits 0: the last step fails the build. A failed smoke test is
 * failed deployment, and a failed smoke test, is also logged as a marker line the alert policy counts (components/notifications/alerting.ts).
 */
import { DEPLOY_FAILED_MARKER, SMOKE_FAILED_MARKER } from "../../notifications/alerting";
import { script, type ScriptStep } from "./step";
import { handoff } from "./workspace";

/** What a report may contain: Slack's text and the notifier's JSON template take these as they are. */
export const REPORT_CHARACTERS = "A-Za-z0-9 @._:,;=/+()-";
/** Cloud Build keeps at most 4 KB of a step's output in older releases of its API. */
export const REPORT_MAX_BYTES = 3000;

export function reportStep(stack: string): ScriptStep {
    const failed = handoff.failed(stack);
    return {
        id: `report-${stack}`,
        builder: "gcloud",
        script: script("gcloud", [
            `announced=$(cat ${handoff.announce(stack)} 2> /dev/null || echo "${stack}: nothing announced")`,
            `if [[ -f ${failed} ]]; then`,
            `    outcome="not deployed: $(cat ${failed})"`,
            `    echo "${DEPLOY_FAILED_MARKER} stack=${stack}"`,
            `    if [[ -f ${handoff.restored(stack)} ]]; then`,
            `        outcome="$outcome; $(cat ${handoff.restored(stack)})"`,
            `    fi`,
            `    if [[ $(cat ${failed}) == smoke-* ]]; then`,
            `        echo "${SMOKE_FAILED_MARKER} stack=${stack}"`,
            `    fi`,
            `else`,
            `    outcome="deployed"`,
            `fi`,
            `report=$(printf '%s. %s' "$outcome" "$announced" | tr -cd '${REPORT_CHARACTERS}' | head -c ${REPORT_MAX_BYTES})`,
            `echo "report: $report"`,
            `if [[ -n \${BUILDER_OUTPUT:-} ]]; then`,
            `    printf '%s' "$report" > "$BUILDER_OUTPUT/output"`,
            `fi`,
        ]),
    };
}
