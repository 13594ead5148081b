/**
 * Checks a deploy step makes before anything changes, each a refusal in one line naming the file and the key, or
 * nothing: the program guard (the upstream deployed this program), four eyes on prod (the approver of the build
 * did not write the promotion entry) and the stack's deploy windows.
 */
import { KEYS, releaseKey, type StackConfig } from "../../config";
import { checkProgram } from "../../promotion/programGuard";
import { latestRelease, parseReleasedDigests } from "../../promotion/releases";
import { windowVerdict } from "../../promotion/windows";
import { asObject } from "./stackFacts";

/** Why this program may not deploy here, from `pulumi stack output --json` of the upstream. */
export function programGuardProblem(config: StackConfig, programHash: string, upstreamOutputs: unknown): string | undefined {
    if (!config.upstream) {
        return undefined;
    }
    return checkProgram({ file: config.file, upstream: config.upstream, hash: programHash, upstreamProgram: asObject(upstreamOutputs).program }).problem;
}

/**
 * Why this build may not deploy prod, from `gcloud builds describe --format=json`: it has no approval, or the account
 * that approved it (`approval.result.approverAccount`) wrote the latest audit entry of a digest being deployed
 * (`by`), or a digest has no such entry. Emails are compared without regard to case.
 */
export function fourEyesProblem(config: StackConfig, build: unknown): string | undefined {
    const described = asObject(build);
    const approval = asObject(described.approval);
    const result = asObject(approval.result);
    const buildId = typeof described.id === "string" ? described.id : "(unknown id)";
    const approver = typeof result.approverAccount === "string" ? result.approverAccount.toLowerCase() : undefined;
    if (approval.state !== "APPROVED" || result.decision !== "APPROVED" || !approver) {
        return `${config.file}: build ${buildId} has no approval (approval.state ${JSON.stringify(approval.state)}); ${config.stack} deploys only after someone approves the build`;
    }
    const entries = Object.entries(config.services).map(([service, settings]) => {
        const index = config.releases.map((release) => release.service).lastIndexOf(service);
        return { service, digest: settings.digest, index, by: index !== -1 && config.releases[index].digest === settings.digest ? config.releases[index].by : undefined };
    });
    const unrecorded = entries.find((entry) => entry.by === undefined);
    if (unrecorded) {
        return `${config.file}: no ${KEYS.releases} entry records ${unrecorded.service} ${unrecorded.digest} as its latest, so its writer cannot be told apart from the approver; promote with npm run promote -- ${config.stack}`;
    }
    const own = entries.find((entry) => entry.by!.toLowerCase() === approver);
    return own
        ? `${config.file}: ${releaseKey(own.index)} (${own.service}) was written by ${own.by}, who also approved build ${buildId}; a second person must approve ${config.stack} (four eyes)`
        : undefined;
}

/**
 * Why this build may not deploy now: the stack is outside its deploy windows (`bilko:promotion.windows`) and some
 * digest it would change (one the stack did not release last, by `pulumi stack output --json`) has no latest audit
 * entry that is a rollback, or forced with a reason, to exactly that digest (what `npm run rollback` and
 * `npm run promote --force --reason` write). Rollbacks are always allowed.
 */
export function deployWindowProblem(config: StackConfig, now: Date, outputs: unknown): string | undefined {
    const verdict = windowVerdict(config.stack, config.promotion.windows, now);
    if (verdict.open) {
        return undefined;
    }
    const parsed = parseReleasedDigests(asObject(outputs).releasedDigests);
    const released = "digests" in parsed ? parsed.digests : {};
    const changing = Object.entries(config.services).filter(([service, settings]) => released[service]?.[0] !== settings.digest);
    const held = changing.filter(([service, settings]) => {
        const latest = latestRelease(config.releases, service);
        const excused = latest?.digest === settings.digest && (latest.kind === "rollback" || (latest.kind === "force" && (latest.reason ?? "").trim() !== ""));
        return !excused;
    });
    if (held.length === 0) {
        return undefined;
    }
    return `${config.file}: ${verdict.reason}; ${held.map(([service]) => service).join(", ")} not deployed (run this trigger again then, or record a forced promotion: npm run promote -- ${config.stack} --force --reason "<why>")`;
}
