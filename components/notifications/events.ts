/**
 * What the pipeline tells Slack, as data: each kind of event (a Slack channel each), the events of that kind, which
 * Cloud Build messages each one is, and its headline. Every message on Cloud Build's `cloud-builds` topic is the
 * Build resource at one status change; the pipeline's builds carry their trigger's tags (`bilko`, `build`, `deploy`,
 * `drift`, `environment-<stack>`), so an event is a tag, a status and, for prod, the approval's state. What a build
 * did beyond its status (the digests, who promoted them from where, what was restored, what drifted) is the line its
 * report step writes to `$BUILDER_OUTPUT/output`, which Cloud Build returns in `results.buildStepOutputs`; the
 * message prints it. filters.ts turns an event into the notifier's CEL filter, template.ts into its Slack message.
 */

export const NOTIFICATION_KINDS = ["builds", "deploys", "approvals", "drift"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** google.devtools.cloudbuild.v1.Build.Status, by name. */
export type BuildStatus = "PENDING" | "QUEUED" | "WORKING" | "SUCCESS" | "FAILURE" | "INTERNAL_ERROR" | "TIMEOUT" | "CANCELLED" | "EXPIRED";
/** google.devtools.cloudbuild.v1.BuildApproval.State, by name. */
export type ApprovalState = "PENDING" | "APPROVED" | "REJECTED" | "CANCELLED";

export const FAILED: readonly BuildStatus[] = ["FAILURE", "INTERNAL_ERROR", "TIMEOUT"];

/** The tags the pipeline's triggers put on every build they start (components/pipeline/triggers.ts). */
export const PIPELINE_TAGS = { app: "bilko", build: "build", deploy: "deploy", drift: "drift" } as const;

export interface PipelineEvent {
    /** Stable name, e.g. `build-failed`. */
    name: string;
    /** What the event is, for people (docs, tests). */
    description: string;
    /** Builds carrying any of these tags. */
    tags: readonly string[];
    /** At one of these statuses (any, when absent). */
    statuses?: readonly BuildStatus[];
    /** With the build's approval in this state. */
    approval?: ApprovalState;
    /** The message's first line, before the trigger, commit and link. */
    headline: string;
    /** What follows it: the report line of the build, why it failed and the report, who decided on its approval, or `text`. */
    detail: "report" | "failure" | "approver" | "text";
    /** The second line when `detail` is `text` (Slack refuses an empty section). */
    text?: string;
}

const { build, deploy, drift } = PIPELINE_TAGS;

export const EVENTS: Readonly<Record<NotificationKind, readonly PipelineEvent[]>> = {
    builds: [
        { name: "build-started", description: "a merge started the build trigger", tags: [build], statuses: ["WORKING"], headline: "Build started", detail: "text", text: "Building each image once at this commit, then deploying stage." },
        {
            name: "build-succeeded",
            description: "every image was built, pushed, verified and scanned, and stage deployed them; the report names the digests pushed",
            tags: [build],
            statuses: ["SUCCESS"],
            headline: "Build succeeded",
            detail: "report",
        },
        { name: "build-failed", description: "the build failed, timed out or broke; a failed stage deployment also says what was restored", tags: [build], statuses: FAILED, headline: "Build failed", detail: "failure" },
    ],
    deploys: [
        { name: "stage-deployed", description: "the build trigger deployed stage at the digests it pushed", tags: [build], statuses: ["SUCCESS"], headline: "Stage deployed", detail: "report" },
        {
            name: "promoted",
            description: "a deploy trigger deployed a promotion commit (demo or prod) or a rollback; the report names each service, its digest and its audit entry: promote from which stack by whom, or rollback",
            tags: [deploy],
            statuses: ["SUCCESS"],
            headline: "Deployed",
            detail: "report",
        },
        {
            name: "deploy-failed",
            description: "a deploy trigger failed; the report says which step, why, and whether the last released digests were restored (after a failed smoke test, they are)",
            tags: [deploy],
            statuses: FAILED,
            headline: "Deploy failed",
            detail: "failure",
        },
    ],
    approvals: [
        { name: "approval-waiting", description: "a prod build waits for someone to approve it", tags: [deploy], statuses: ["PENDING"], approval: "PENDING", headline: "Waiting for approval", detail: "text", text: "Approve or reject it on the build's page; whoever wrote the promotion may not approve it (four eyes)." },
        { name: "approval-approved", description: "someone approved a prod build and it runs", tags: [deploy], statuses: ["WORKING"], approval: "APPROVED", headline: "Approved", detail: "approver" },
        { name: "approval-rejected", description: "someone rejected a prod build: it never runs", tags: [deploy], approval: "REJECTED", headline: "Rejected", detail: "approver" },
    ],
    drift: [
        {
            name: "drift-found",
            description: "the daily drift check of a stack found resources that differ from the program (or could not run); the report names them",
            tags: [drift],
            statuses: FAILED,
            headline: "Drift found",
            detail: "report",
        },
    ],
};
