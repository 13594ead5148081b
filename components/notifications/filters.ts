/**
 * The notifier's filter of each kind of event: one CEL expression over the Build message (`build`), as Google's
 * notifiers compile it (cel-go, with `google.devtools.cloudbuild.v1` as the container, so enum values read
 * `Build.Status.SUCCESS` and `BuildApproval.State.PENDING`; fields keep their proto names).
 */
import { EVENTS, type NotificationKind, type PipelineEvent } from "./events";

/** The CEL condition of one event. */
export function eventFilter(event: PipelineEvent): string {
    const terms = [
        anyOf(event.tags.map((tag) => `${JSON.stringify(tag)} in build.tags`)),
        ...(event.statuses ? [event.statuses.length === 1 ? `build.status == Build.Status.${event.statuses[0]}` : `build.status in [${event.statuses.map((status) => `Build.Status.${status}`).join(", ")}]`] : []),
        ...(event.approval ? [`build.approval.state == BuildApproval.State.${event.approval}`] : []),
    ];
    return terms.join(" && ");
}

/** The filter of a kind: any of its events, each in parentheses. */
export function kindFilter(kind: NotificationKind): string {
    return anyOf(EVENTS[kind].map((event) => `(${eventFilter(event)})`));
}

function anyOf(terms: string[]): string {
    return terms.length === 1 ? terms[0] : `(${terms.join(" || ")})`;
}
