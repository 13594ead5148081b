/**
 * `npm run rollback -- <stack> [--service <name>,...] [--to <digest>] [--reason "<text>"]`: each service back to the
 * digest it ran before (or to `--to`, which the stack must have run), with an audit entry; see docs/promotion.md.
 */
import { isDigest, registryUrl } from "../../components/registry/images";
import { parseReleasedDigests, parseReleasedMigrators } from "../releases";
import { KEYS, projectName } from "../../config";
import { foreignOutputsProblem } from "../outputsIdentity";
import { cliStackName } from "../stackNames";
import { releaser, releaseTime } from "./audit";
import { checkCommon, COMMON_OPTIONS, describeChange, enforce, parseCommand, run, selectServices, single, withStackFile, writeAndReport, type CommandContext } from "./command";
import { BadInput, exitStatusHelp } from "./errors";
import { decideRollback, releaseEntries } from "../guards";
import { stackOutputs, TIMEOUT_VARIABLE } from "./pulumiCli";
import { rollbackNow, ROLLBACK_NOW_USAGE } from "./rollbackNow";

const USAGE = `usage: npm run rollback -- <stack> [--service <name>,...] [--to <digest>] [--reason "<text>"] [--dry-run]
                                [--force --reason "<text>"] [--now]

Sets each service back to the digest it ran before the current one, as the stack's own releasedDigests output
reports (pulumi stack output --json), or to --to. Writes Pulumi.<stack>.yaml with an entry in ${KEYS.releases}
each (kind: rollback; its revision takes all traffic at once), and prints the diff and the next commands.

  --service a,b    only these services (repeatable; default: every service of the stack)
  --to <digest>    this digest instead of the previous one (one service only)
  --reason <text>  why; recorded with each entry
  --dry-run        print the diff and write nothing
  --force          go ahead despite a guard; needs --reason; recorded as kind: force
${ROLLBACK_NOW_USAGE}
  -h, --help       show this help

guards, each refused unless --force --reason:
  --to names a digest the stack never ran
  a service has no earlier digest to go back to (the service is skipped)
outputs of another environment or registry than the stack's are refused (exit 2), never written.
each pulumi, git or gcloud call may take ${TIMEOUT_VARIABLE} seconds (default 120).

${exitStatusHelp()}`;

export function main(argv: string[], context: Partial<CommandContext> = {}): Promise<number> {
    return run("rollback", context, async (session) => {
        const { values, positionals } = parseCommand({ args: argv, options: { ...COMMON_OPTIONS, to: { type: "string", multiple: true }, now: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
        if (values.help) {
            session.out(USAGE);
            return 0;
        }
        const reason = single(values.reason, "--reason");
        const to = single(values.to, "--to");
        const stack = checkCommon(positionals, values.force, reason);
        if (to !== undefined && !isDigest(to)) {
            throw new BadInput(`--to: expected "sha256:" and 64 lowercase hex digits, got ${JSON.stringify(to)}`);
        }
        return withStackFile(session, stack, "rollback", values["dry-run"], async (edit) => {
            const { config } = edit;
            const services = selectServices(config, values.service);
            if (to !== undefined && services.length !== 1) {
                throw new BadInput(`--to names one image digest: choose one service with --service (services: ${services.join(", ")})`);
            }
            const name = cliStackName(config.organization, projectName(session.dir), stack);
            const outputs = await stackOutputs(session.tools, name);
            const foreign = foreignOutputsProblem(outputs, {
                stack: name,
                file: config.file,
                environment: config.environment,
                registryUrl: registryUrl(config.registry.location, config.project, config.registry.repository),
            });
            if (foreign) {
                throw new BadInput(`pulumi stack output --json --stack ${name}: ${foreign}`);
            }
            const reported = outputs.releasedDigests;
            const parsed = reported === undefined ? undefined : parseReleasedDigests(reported);
            if (parsed && "problem" in parsed) {
                throw new BadInput(`stack "${stack}" reports a malformed releasedDigests output: ${parsed.problem}`);
            }
            const decision = decideRollback({ config, services, history: parsed?.digests, migrators: parseReleasedMigrators(outputs.releasedMigrators), to });
            enforce(decision, values.force, `npm run rollback -- ${stack}${to ? ` --service ${services[0]} --to ${to}` : ""}`);
            if (decision.changes.length === 0) {
                session.out(`nothing to do: ${decision.unchanged.map((service) => `${service} already runs ${config.services[service].digest}`).join(", ")}`);
                return 0;
            }
            if (values.now) {
                return rollbackNow(session, edit, decision, { reason, dryRun: values["dry-run"] });
            }
            decision.changes.forEach((change) => edit.setDigest(change.service, change.to));
            decision.changes.forEach((change) => change.migrator && edit.setMigratorDigest(change.service, change.migrator));
            edit.appendReleases(releaseEntries(decision.changes, { from: stack, at: releaseTime(session.now), by: await releaser(session.tools), kind: "rollback", reason }));
            writeAndReport(session, {
                edit,
                decision,
                dryRun: values["dry-run"],
                headline: `rollback ${stack}: ${decision.changes.map(describeChange).join(", ")}`,
                commitMessage: `Roll back ${decision.changes.map((change) => change.service).join(", ")} in ${stack}`,
            });
            return 0;
        });
    });
}
