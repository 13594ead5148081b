/**
 * `npm run promote -- <target> [--service <name>,...] [--dry-run] [--force --reason "<text>"]`, and `--finish` to move
 * a canary to 100%. Writes the upstream's digests into the target's stack file with an audit entry; see
 * docs/promotion.md.
 */
import { registryUrl } from "../../components/registry/images";
import * as path from "path";
import { KEYS, parseStackConfig, projectName, projectStacks, readStackFile, StackConfigError, stackFilePath, StackFileError, type Release } from "../../config";
import { foreignOutputsProblem } from "../outputsIdentity";
import { cliStackName } from "../stackNames";
import { releaser, releaseTime } from "./audit";
import { checkCommon, COMMON_OPTIONS, describeChange, enforce, parseCommand, run, selectServices, single, withStackFile, writeAndReport, type CommandContext, type Session } from "./command";
import { BadInput, exitStatusHelp } from "./errors";
import { decidePromotion, releaseEntries } from "../guards";
import { windowVerdict } from "../windows";
import { requestedCandidatePercent } from "../releases";
import { lastSuccessfulDeployment, stackOutputs, TIMEOUT_VARIABLE } from "./pulumiCli";
import type { StackFileEdit } from "./stackFileEdit";

const USAGE = `usage: npm run promote -- <target> [--service <name>,...] [--dry-run] [--force --reason "<text>"]
       npm run promote -- <target> --finish [--service <name>,...] [--dry-run] [--reason "<text>"]

Reads the digests the target's upstream (${KEYS.upstream}) runs, with \`pulumi stack output --json\`, writes
them into Pulumi.<target>.yaml with an entry in ${KEYS.releases} each, and prints the diff and the next
commands (commit, pulumi preview, pulumi up). Comments and untouched lines stay as they are.

  --service a,b    only these services (repeatable; default: every service of the target)
  --dry-run        print the diff and write nothing
  --force          go ahead despite a guard; needs --reason; recorded as kind: force
  --reason <text>  why; recorded with each entry
  --finish         move each service's canary candidate to 100% of traffic
  -h, --help       show this help

guards, each refused unless --force --reason:
  the upstream has no output services.<name>.digest, or it is not a sha256 digest (the service is skipped)
  the upstream's last successful deployment (pulumi stack history) is younger than ${KEYS.promotion}.minBakeMinutes
  the target is outside its deploy windows (${KEYS.promotion}.windows) or in a freeze: says which, and when the next opens
a service whose target already runs the upstream's digest is left alone (nothing to do: exit 0).
outputs of another environment or registry than the upstream's are refused (exit 2), never written.
each pulumi or git call may take ${TIMEOUT_VARIABLE} seconds (default 120).

${exitStatusHelp()}`;

export function main(argv: string[], context: Partial<CommandContext> = {}): Promise<number> {
    return run("promote", context, async (session) => {
        const { values, positionals } = parseCommand({ args: argv, options: { ...COMMON_OPTIONS, finish: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
        if (values.help) {
            session.out(USAGE);
            return 0;
        }
        const reason = single(values.reason, "--reason");
        const target = checkCommon(positionals, values.force, reason);
        const dryRun = values["dry-run"];
        return withStackFile(session, target, "promote", dryRun, (edit) => {
            const services = selectServices(edit.config, values.service);
            return values.finish ? finish(session, edit, services, { force: values.force, reason, dryRun }) : promote(session, edit, services, { force: values.force, reason, dryRun });
        });
    });
}

interface PromoteOptions {
    force: boolean;
    reason?: string;
    dryRun: boolean;
}

async function promote(session: Session, edit: StackFileEdit, services: string[], options: PromoteOptions): Promise<number> {
    const { config } = edit;
    const upstream = config.upstream;
    if (!upstream) {
        throw new BadInput(`${config.file} has no ${KEYS.upstream}: images enter ${config.stack} from the build pipeline, not by promotion`);
    }
    // The stack the upstream guard reads, named the way the program names it.
    const upstreamName = cliStackName(config.organization, projectName(session.dir), upstream);
    const upstreamOutputs = await stackOutputs(session.tools, upstreamName);
    const foreign = foreignOutputsProblem(upstreamOutputs, {
        stack: upstreamName,
        ...upstreamIdentity(session.dir, upstream),
        registryUrl: registryUrl(config.registry.location, config.project, config.registry.repository),
    });
    if (foreign) {
        throw new BadInput(`pulumi stack output --json --stack ${upstreamName}: ${foreign}`);
    }
    const decision = await decidePromotion({
        target: config,
        upstream,
        services,
        upstreamOutputs,
        upstreamDeployedAt: () => lastSuccessfulDeployment(session.tools, upstreamName, session.now),
        now: session.now,
        force: options.force,
    });
    enforce(decision, options.force, `npm run promote -- ${config.stack}`);
    if (decision.changes.length === 0) {
        const same = decision.unchanged.map((service) => `${service} ${config.services[service].digest}`).join(", ");
        session.out(same ? `${config.stack} already runs what ${upstream} runs (${same}); nothing to do` : `nothing to promote from ${upstream}`);
        return 0;
    }
    decision.changes.forEach((change) => edit.setDigest(change.service, change.to));
    decision.changes.forEach((change) => change.migrator && edit.setMigratorDigest(change.service, change.migrator));
    const by = await releaser(session.tools);
    edit.appendReleases(releaseEntries(decision.changes, { from: upstream, at: releaseTime(session.now), by, kind: "promote", reason: options.reason }));
    const canary = config.rollout.canaryPercent < 100;
    writeAndReport(session, {
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

/** What the upstream's own file says it is: the environment its outputs must report. */
function upstreamIdentity(dir: string, upstream: string): { file: string; environment: string } {
    const file = stackFilePath(dir, upstream);
    try {
        const config = parseStackConfig(readStackFile(file).values, { stack: upstream, file: path.basename(file), knownStacks: projectStacks(dir) });
        return { file: config.file, environment: config.environment };
    } catch (error) {
        throw error instanceof StackFileError || error instanceof StackConfigError ? new BadInput(error.message) : error;
    }
}

async function finish(session: Session, edit: StackFileEdit, services: string[], options: PromoteOptions): Promise<number> {
    const { reason, dryRun } = options;
    const { config } = edit;
    const canaryPercent = config.rollout.canaryPercent;
    if (canaryPercent === 100) {
        session.out(`nothing to finish: ${config.stack} gives every new revision all traffic (${KEYS.rollout}.canaryPercent is 100)`);
        return 0;
    }
    const open = services.filter((service) => requestedCandidatePercent(service, config.services[service].digest, config.releases, canaryPercent) < 100);
    if (open.length === 0) {
        session.out(`nothing to finish: the candidates of ${services.join(", ")} already have 100% of traffic`);
        return 0;
    }
    // Moving all traffic to the candidates is a release too: it waits for the stack's deploy windows.
    const window = windowVerdict(config.stack, config.promotion.windows, session.now);
    if (!window.open) {
        enforce({ changes: [], unchanged: [], problems: [window.reason], skipped: [] }, options.force, `npm run promote -- ${config.stack} --finish`);
    }
    const base = { from: config.upstream ?? config.stack, at: releaseTime(session.now), by: await releaser(session.tools) };
    const entries = open.map((service): Release => ({ service, digest: config.services[service].digest, ...base, kind: window.open ? "promote" : "force", reason, finished: true }));
    edit.appendReleases(entries);
    writeAndReport(session, {
        edit,
        dryRun,
        headline: `finish canary in ${config.stack}: ${open.map((service) => `${service} ${config.services[service].digest} -> 100%`).join(", ")}`,
        commitMessage: `Finish the canary of ${open.join(", ")} in ${config.stack}`,
    });
    return 0;
}
