/**
 * `npm run promote -- <target> [--service <name>,...] [--dry-run] [--force --reason "<text>"]`, and `--finish` to move
 * a canary to 100%. Writes the upstream's digests into the target's stack file with an audit entry; see
 * docs/promotion.md.
 */
import { KEYS, projectDir, type Release } from "../../config";
import { releaser, releaseTime } from "./audit";
import { checkCommon, COMMON_OPTIONS, describeChange, enforce, parseCommand, run, selectServices, writeAndReport } from "./command";
import { BadInput } from "./errors";
import { decidePromotion, releaseEntries } from "../guards";
import { requestedCandidatePercent } from "../releases";
import { lastSuccessfulDeployment, stackOutputs } from "./pulumiCli";
import { StackFileEdit } from "./stackFileEdit";

const USAGE = `usage: npm run promote -- <target> [--service <name>,...] [--dry-run] [--force --reason "<text>"]
       npm run promote -- <target> --finish [--service <name>,...] [--dry-run] [--reason "<text>"]

Reads the digests the target's upstream (${KEYS.upstream}) runs, with \`pulumi stack output --json\`, writes
them into Pulumi.<target>.yaml with an entry in ${KEYS.releases} each, and prints the diff and the next
commands (commit, pulumi preview, pulumi up). Comments and untouched lines stay as they are.

  --service a,b    only these services (default: every service of the target)
  --dry-run        print the diff and write nothing
  --force          go ahead despite a guard; needs --reason; recorded as kind: force
  --reason <text>  why; recorded with each entry
  --finish         move each service's canary candidate to 100% of traffic
  -h, --help       show this help

guards, each refused unless --force --reason:
  the upstream has no output services.<name>.digest, or it is not a sha256 digest (the service is skipped)
  the upstream's last successful deployment (pulumi stack history) is younger than ${KEYS.promotion}.minBakeMinutes
a service whose target already runs the upstream's digest is left alone (nothing to do: exit 0).

exit status: 0 done, or nothing to do; 1 refused by a guard, or the file changed while the command ran;
             2 bad usage or unreadable input (stack file, pulumi output)`;

export function main(argv: string[], now = new Date()): number {
    return run("promote", () => {
        const { values, positionals } = parseCommand({ args: argv, options: { ...COMMON_OPTIONS, finish: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
        if (values.help) {
            console.log(USAGE);
            return 0;
        }
        const target = checkCommon(positionals, values.force, values.reason);
        const edit = StackFileEdit.open(projectDir(), target);
        const services = selectServices(edit.config, values.service);
        const dryRun = values["dry-run"];
        return values.finish ? finish(edit, services, values.reason, dryRun, now) : promote(edit, services, { force: values.force, reason: values.reason, dryRun, now });
    });
}

interface PromoteOptions {
    force: boolean;
    reason?: string;
    dryRun: boolean;
    now: Date;
}

function promote(edit: StackFileEdit, services: string[], options: PromoteOptions): number {
    const { config } = edit;
    const upstream = config.upstream;
    if (!upstream) {
        throw new BadInput(`${config.file} has no ${KEYS.upstream}: images enter ${config.stack} from the build pipeline, not by promotion`);
    }
    const dir = projectDir();
    const decision = decidePromotion({
        target: config,
        upstream,
        services,
        upstreamOutputs: stackOutputs(dir, upstream),
        upstreamDeployedAt: () => lastSuccessfulDeployment(dir, upstream),
        now: options.now,
        force: options.force,
    });
    enforce(decision, options.force, `npm run promote -- ${config.stack}`);
    if (decision.changes.length === 0) {
        const same = decision.unchanged.map((service) => `${service} ${config.services[service].digest}`).join(", ");
        console.log(same ? `${config.stack} already runs what ${upstream} runs (${same}); nothing to do` : `nothing to promote from ${upstream}`);
        return 0;
    }
    decision.changes.forEach((change) => edit.setDigest(change.service, change.to));
    decision.changes.forEach((change) => change.migrator && edit.setMigratorDigest(change.service, change.migrator));
    const by = releaser(dir);
    edit.appendReleases(releaseEntries(decision.changes, { from: upstream, at: releaseTime(options.now), by, kind: "promote", reason: options.reason }));
    const canary = config.rollout.canaryPercent < 100;
    writeAndReport({
        edit,
        decision,
        dryRun: options.dryRun,
        headline: `promote ${upstream} -> ${config.stack}: ${decision.changes.map(describeChange).join(", ")}`,
        commitMessage: `Promote ${decision.changes.map((change) => change.service).join(", ")} from ${upstream} to ${config.stack}`,
        after: canary
            ? [`(candidates get ${config.rollout.canaryPercent}% of traffic; once healthy: npm run promote -- ${config.stack} --finish)`]
            : [],
    });
    return 0;
}

function finish(edit: StackFileEdit, services: string[], reason: string | undefined, dryRun: boolean, now: Date): number {
    const { config } = edit;
    const canaryPercent = config.rollout.canaryPercent;
    if (canaryPercent === 100) {
        console.log(`nothing to finish: ${config.stack} gives every new revision all traffic (${KEYS.rollout}.canaryPercent is 100)`);
        return 0;
    }
    const open = services.filter((service) => requestedCandidatePercent(service, config.services[service].digest, config.releases, canaryPercent) < 100);
    if (open.length === 0) {
        console.log(`nothing to finish: the candidates of ${services.join(", ")} already have 100% of traffic`);
        return 0;
    }
    const base = { from: config.upstream ?? config.stack, at: releaseTime(now), by: releaser(projectDir()) };
    const entries = open.map((service): Release => ({ service, digest: config.services[service].digest, ...base, kind: "promote", reason, finished: true }));
    edit.appendReleases(entries);
    writeAndReport({
        edit,
        dryRun,
        headline: `finish canary in ${config.stack}: ${open.map((service) => `${service} ${config.services[service].digest} -> 100%`).join(", ")}`,
        commitMessage: `Finish the canary of ${open.join(", ")} in ${config.stack}`,
    });
    return 0;
}
