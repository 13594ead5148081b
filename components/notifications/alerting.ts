/**
 * What the alert policy counts: log-based metrics over Cloud Build's build logs (resource type `build`, one entry per
 * log line, labelled with the build's trigger id). Cloud Build ends a failed build's log with `ERROR: ...` (a
 * failing step, a timeout); the pipeline's report step writes `BILKO_SMOKE_FAILED stack=<stack>` when a smoke
 * test failed (components/pipeline/steps/reportStep.ts).
 */

/** The marker the report step logs after a failed smoke test. */
export const SMOKE_FAILED_MARKER = "BILKO_SMOKE_FAILED";

/** Failed builds of the given triggers. */
export function failedBuildsFilter(triggerIds: readonly string[]): string {
    return [`resource.type="build"`, `resource.labels.build_trigger_id=(${triggerIds.map((id) => JSON.stringify(id)).join(" OR ")})`, `textPayload=~"^ERROR"`].join(" AND ");
}

/** Failed smoke tests, in any stack's deployment. */
export function failedSmokeTestsFilter(): string {
    return [`resource.type="build"`, `textPayload:"${SMOKE_FAILED_MARKER}"`].join(" AND ");
}

/** `stack=<stack>` of the marker, as a metric label. */
export const SMOKE_STACK_EXTRACTOR = `REGEXP_EXTRACT(textPayload, "${SMOKE_FAILED_MARKER} stack=([a-z0-9-]+)")`;
