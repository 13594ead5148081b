/**
 * The Slack message of each kind of event, as the Go template (text/template) Google's Slack notifier renders into
 * Block Kit JSON and posts in an attachment coloured by the build's status. One template per kind: a chain of
 * `if`/`else if` picks the event by the same tag, status and approval state as its filter. Each message says the
 * event, the trigger (which names the stack), the commit the build ran at, a link to the build and the report line.
 * Everything a template prints is JSON-safe: tags, statuses and substitutions are the pipeline's own words, the report
 * line is written with only plain characters, and quotes in Cloud Build's failure detail are replaced.
 */
import { EVENTS, type NotificationKind, type PipelineEvent } from "./events";

/** A Go template condition: true when the Build matches `event`'s tags, status and approval state. */
export function eventCondition(event: PipelineEvent): string {
    const terms = [
        event.tags.length === 1 ? tagVariable(event.tags[0]) : `(or ${event.tags.map(tagVariable).join(" ")})`,
        ...(event.statuses ? [`(eq (print .Build.Status) ${event.statuses.map((status) => JSON.stringify(status)).join(" ")})`] : []),
        ...(event.approval ? [`(eq (print .Build.Approval.State) ${JSON.stringify(event.approval)})`] : []),
    ];
    return terms.length === 1 ? terms[0] : `and ${terms.join(" ")}`;
}

/** `$tag_deploy`: true when the build carries the tag (set by `tagVariables`). */
function tagVariable(tag: string): string {
    return `$tag_${tag.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/**
 * Go templates have no `in`: each tag the events ask about becomes a variable, set while ranging over the build's
 * tags (assigning to a declared variable needs Go 1.11 or newer). Printed before the JSON, they print nothing.
 */
function tagVariables(kind: NotificationKind): string {
    const tags = [...new Set(EVENTS[kind].flatMap((event) => event.tags))];
    return tags.map((tag) => `{{${tagVariable(tag)} := false}}{{range .Build.Tags}}{{if eq . ${JSON.stringify(tag)}}}{{${tagVariable(tag)} = true}}{{end}}{{end}}`).join("");
}

/** Placeholders in the JSON text, replaced by template actions once the JSON is written. */
const ACTIONS: Readonly<Record<string, string>> = {
    TRIGGER: `{{index .Build.Substitutions "TRIGGER_NAME"}}`,
    COMMIT: `{{index .Build.Substitutions "SHORT_SHA"}}`,
    LINK: `{{.Build.LogUrl}}`,
    REPORT: `{{with .Build.Results}}{{range .BuildStepOutputs}}{{printf "%s" .}}{{end}}{{end}}`,
    FAILURE: `{{with .Build.FailureInfo}}{{replace .Detail "\\"" "'"}}{{end}}`,
    APPROVER: `{{with .Build.Approval}}{{with .Result}}{{.ApproverAccount}}{{end}}{{end}}`,
};

function detailText(event: PipelineEvent): string {
    switch (event.detail) {
        // A word first: the section is never empty, which Slack would refuse, even when a build wrote no report.
        case "report":
            return "Report: @@REPORT@@";
        case "failure":
            return "@@FAILURE@@ Report: @@REPORT@@";
        case "approver":
            return "by @@APPROVER@@";
        case "text":
            return event.text ?? "";
    }
}

/** The headline and detail of the event the Build is, chosen in the order the events are listed. */
function chain(kind: NotificationKind, part: (event: PipelineEvent) => string): string {
    const branches = EVENTS[kind].map((event, index) => `{{${index === 0 ? "if" : "else if"} ${eventCondition(event)}}}${part(event)}`);
    return `${branches.join("")}{{end}}`;
}

/** The Block Kit template of one kind of event. */
export function slackTemplate(kind: NotificationKind): string {
    const blocks = [
        { type: "section", text: { type: "mrkdwn", text: `*@@HEADLINE@@* \`@@TRIGGER@@\` at commit \`@@COMMIT@@\`` } },
        { type: "section", text: { type: "mrkdwn", text: `@@DETAIL@@` } },
        { type: "context", elements: [{ type: "mrkdwn", text: "<@@LINK@@|Build log>" }] },
    ];
    const actions: Record<string, string> = {
        ...ACTIONS,
        HEADLINE: chain(kind, (event) => event.headline),
        DETAIL: chain(kind, (event) => detailText(event).replace(/@@(\w+)@@/g, (_, name: string) => ACTIONS[name])),
    };
    return `${tagVariables(kind)}\n${JSON.stringify(blocks, undefined, 2).replace(/@@(\w+)@@/g, (_, name: string) => actions[name])}`;
}
