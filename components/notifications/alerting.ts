/**
 * What the alert policy counts: log-based metrics over Cloud Build's build logs (resource type `build`, one entry per
 * log line, labelled with the build's trigger id). Cloud Build ends a failed build's log with `ERROR: ...` (a
 * failing step, a timeout); the pipeline's report step writes `BILKO_DEPLOY_FAILED stack=<stack>` when a
 * deployment failed and `BILKO_SMOKE_FAILED stack=<stack>` when that was its smoke test
 * (components/pipeline/steps/reportStep.ts). Promoted stacks' deploy triggers belong to their own stacks, so their ids
 * are not known here: their failures are counted by the marker, in every build of the project.
 */

/** The marker the report step logs after a failed smoke test. */
export const SMOKE_FAILED_MARKER = "BILKO_SMOKE_FAILED";
/** The marker the report step logs after any failed deployment (a smoke test's included). */
export const DEPLOY_FAILED_MARKER = "BILKO_DEPLOY_FAILED";

/** Failed builds of the given triggers. */
export function failedBuildsFilter(triggerIds: readonly string[]): string {
    return [`resource.type="build"`, `resource.labels.build_trigger_id=(${triggerIds.map((id) => JSON.stringify(id)).join(" OR ")})`, `textPayload=~"^ERROR"`].join(" AND ");
}

/** Lines carrying `marker`, in any stack's deployment. */
export function markerFilter(marker: string): string {
    return [`resource.type="build"`, `textPayload:"${marker}"`].join(" AND ");
}

/** `stack=<stack>` of a marker line, as a metric label. */
export function stackExtractor(marker: string): string {
    return `REGEXP_EXTRACT(textPayload, "${marker} stack=([a-z0-9-]+)")`;
}
