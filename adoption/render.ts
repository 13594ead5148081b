/** The adoption diff as lines of the plan's table. */
import { shown, type AdoptedResource, type AdoptionReport, type CheckedChange } from "./check";

export function adoptionLines(report: AdoptionReport): string[] {
    const { file, source, capturedAt } = report.estate;
    const header = `  adoption against ${file} (${source}, captured ${capturedAt}): ${report.adopted.length === 0 ? "nothing adopted" : `${report.adopted.length} resources adopted`}`;
    return [header, ...report.adopted.flatMap(resourceLines), ...report.notes.map((note) => `    note: ${note}`)];
}

function resourceLines(resource: AdoptedResource): string[] {
    const title = `    ${resource.kind} ${resource.name} (${resource.resource})`;
    const width = Math.max(20, ...resource.changes.map((change) => change.field.length + 2));
    const changes = resource.changes.map((change) => `      ${change.field.padEnd(width)}${changeText(change)}`);
    const unknown = resource.notCaptured.length > 0 ? [`      ${"not in the estate".padEnd(width)}${resource.notCaptured.join(", ")}`] : [];
    return changes.length === 0 && unknown.length === 0 ? [`${title}: no change`] : [title, ...changes, ...unknown];
}

function changeText(change: CheckedChange): string {
    const what =
        change.change === "removed"
            ? `removed (was ${shown(change.from)})`
            : change.change === "added"
              ? `added ${shown(change.to)}`
              : change.from === undefined
                ? `set to ${String(change.to)}`
                : `${shown(change.from)} -> ${shown(change.to)}`;
    if (!change.risk) {
        return what;
    }
    return `${what}  ! ${change.risk}: ${change.acknowledged ? "acknowledged" : "NOT acknowledged"}`;
}
