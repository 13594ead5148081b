/**
 * `npm run rollback -- <stack> --now`: for incidents. Moves each Cloud Run service's traffic at once to the ready
 * revision that runs the digest the rollback goes back to (with the caller's gcloud credentials), then records the
 * rollback in the stack file like any rollback. Committing that file lets the pipeline reconcile: the revision name is
 * derived from digest and template, so it names the revision already serving and Cloud Run creates none.
 */
import { gcloud, gcloudJson, GcloudError } from "../../common/gcloud";
import { workloadName } from "../../components/workload/names";
import { projectName } from "../../config";
import { releaser, releaseTime } from "./audit";
import { describeChange, writeAndReport, type Session } from "./command";
import { BadInput, Refusal } from "./errors";
import { releaseEntries, type Change, type Decision } from "../guards";
import type { StackFileEdit } from "./stackFileEdit";

export const ROLLBACK_NOW_USAGE = `  --now            incidents: move traffic at once to the ready revision running that digest (gcloud, your
                   credentials), then record the rollback; the pipeline reconciles without a new revision`;

interface RevisionMove {
    change: Change;
    serviceName: string;
    revision: string;
}

/** A revision as `gcloud run revisions list --format=json` prints it (only the fields read here). */
interface ListedRevision {
    metadata?: { name?: unknown; creationTimestamp?: unknown };
    spec?: { containers?: Array<{ image?: unknown }> };
    status?: { imageDigest?: unknown; conditions?: Array<{ type?: unknown; status?: unknown }> };
}

/** The newest ready revision whose container runs `digest`, from `gcloud run revisions list --format=json`. */
export function readyRevisionRunning(revisions: unknown, digest: string): string | undefined {
    const list = Array.isArray(revisions) ? (revisions as ListedRevision[]) : [];
    const running = list.filter((revision) => {
        const images = [...(revision?.spec?.containers ?? []).map((container) => container?.image), revision?.status?.imageDigest];
        const ready = (revision?.status?.conditions ?? []).some((condition) => condition?.type === "Ready" && condition?.status === "True");
        return ready && images.some((image) => typeof image === "string" && image.endsWith(`@${digest}`));
    });
    const created = (revision: ListedRevision) => (typeof revision?.metadata?.creationTimestamp === "string" ? revision.metadata.creationTimestamp : "");
    const name = running.sort((a, b) => created(b).localeCompare(created(a)))[0]?.metadata?.name;
    return typeof name === "string" ? name : undefined;
}

function location(edit: StackFileEdit): string[] {
    return ["--region", edit.config.region, "--project", edit.config.project];
}

/** Every move is looked up before any traffic changes, so a missing revision refuses the whole command. */
async function plannedMoves(session: Session, edit: StackFileEdit, changes: readonly Change[]): Promise<RevisionMove[]> {
    const { config } = edit;
    const moves: RevisionMove[] = [];
    for (const change of changes) {
        if (config.services[change.service].runtime !== "cloudrun") {
            throw new BadInput(`--now moves Cloud Run traffic; ${change.service} runs on Kubernetes: kubectl rollout undo (docs/kubernetes.md)`);
        }
        const serviceName = workloadName(projectName(session.dir), config.environment, change.service);
        const revisions = await gcloudJson(["run", "revisions", "list", "--service", serviceName, ...location(edit)], session.tools);
        const revision = readyRevisionRunning(revisions, change.to);
        if (!revision) {
            throw new Refusal(`no ready revision of ${serviceName} runs ${change.to}; roll back through the pipeline instead: npm run rollback -- ${config.stack} --service ${change.service}`);
        }
        moves.push({ change, serviceName, revision });
    }
    return moves;
}

/**
 * Moves the traffic, then writes what moved. Nothing is printed before the file is written (or the failure known):
 * the report lists each move with the diff.
 */
export async function rollbackNow(session: Session, edit: StackFileEdit, decision: Decision, options: { reason?: string; dryRun: boolean }): Promise<number> {
    const { config } = edit;
    let moves: RevisionMove[];
    try {
        moves = await plannedMoves(session, edit, decision.changes);
    } catch (error) {
        throw error instanceof GcloudError ? new BadInput(error.message) : error;
    }
    const moved: RevisionMove[] = [];
    let failure: GcloudError | undefined;
    for (const move of options.dryRun ? [] : moves) {
        try {
            await gcloud(["run", "services", "update-traffic", move.serviceName, "--to-revisions", `${move.revision}=100`, ...location(edit)], session.tools);
        } catch (error) {
            if (!(error instanceof GcloudError)) {
                throw error;
            }
            failure = error;
            break;
        }
        moved.push(move);
    }
    const recorded = options.dryRun ? moves : moved;
    if (recorded.length > 0) {
        const changes = recorded.map((move) => move.change);
        changes.forEach((change) => edit.setDigest(change.service, change.to));
        changes.forEach((change) => change.migrator && edit.setMigratorDigest(change.service, change.migrator));
        edit.appendReleases(releaseEntries(changes, { from: config.stack, at: releaseTime(session.now), by: await releaser(session.tools), kind: "rollback", reason: options.reason }));
        const verb = options.dryRun ? "would move" : "moved";
        try {
            writeAndReport(session, {
                edit,
                decision: { ...decision, changes },
                dryRun: options.dryRun,
                headline: [
                    `rollback --now ${config.stack}: ${recorded.map((move) => `${describeChange(move.change)} (revision ${move.revision})`).join(", ")}`,
                    ...recorded.map((move) => `  ${verb} all traffic of ${move.serviceName} to ${move.revision}`),
                ].join("\n"),
                commitMessage: `Roll back ${changes.map((change) => change.service).join(", ")} in ${config.stack} (traffic moved with --now)`,
                after: [`(the pipeline's next deployment of ${config.stack} reconciles to ${recorded.map((move) => move.revision).join(", ")} and runs no migrations)`],
            });
        } catch (error) {
            const what = recorded.map((move) => `${move.serviceName} -> ${move.revision}`).join(", ");
            throw new Refusal(`traffic moved (${what}) but ${edit.name} was not written: ${(error as Error).message}; record it: npm run rollback -- ${config.stack} --service <name> --to <digest>`);
        }
    }
    if (failure) {
        throw new BadInput(`${failure.message}${moved.length > 0 ? ` (after moving ${moved.map((move) => move.serviceName).join(", ")}, recorded in ${edit.name})` : "; no traffic moved"}`);
    }
    return 0;
}
