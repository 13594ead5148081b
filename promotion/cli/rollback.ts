/**
 * `npm run rollback -- <stack> [--service <name>,...] [--to <digest>] [--reason "<text>"]`: each service back to the
 * digest it ran before (or to `--to`, which the stack must have run), with an audit entry; see docs/promotion.md.
 */
import { isDigest } from "../../components/registry/images";
import { parseReleasedDigests, parseReleasedMigrators } from "../releases";
import { KEYS, projectDir } from "../../config";
import { releaser, releaseTime } from "./audit";
import { checkCommon, COMMON_OPTIONS, describeChange, enforce, parseCommand, run, selectServices, writeAndReport } from "./command";
import { BadInput } from "./errors";
import { decideRollback, releaseEntries } from "../guards";
import { stackOutputs } from "./pulumiCli";
import { rollbackNow, ROLLBACK_NOW_USAGE } from "./rollbackNow";
import { StackFileEdit } from "./stackFileEdit";

const USAGE = `usage: npm run rollback -- <stack> [--service <name>,...] [--to <digest>] [--reason "<text>"] [--dry-run]
                                [--force --reason "<text>"] [--now]

Sets each service back to the digest it ran before the current one, as the stack's own releasedDigests output
reports (pulumi stack output --json), or to --to. Writes Pulumi.<stack>.yaml with an entry in ${KEYS.releases}
each (kind: rollback; its revision takes all traffic at once), and prints the diff and the next commands.

  --service a,b    only these services (default: every service of the stack)
  --to <digest>    this digest instead of the previous one (one service only)
  --reason <text>  why; recorded with each entry
  --dry-run        print the diff and write nothing
  --force          go ahead despite a guard; needs --reason; recorded as kind: force
${ROLLBACK_NOW_USAGE}
  -h, --help       show this help

guards, each refused unless --force --reason:
  --to names a digest the stack never ran
  a service has no earlier digest to go back to (the service is skipped)

exit status: 0 done, or nothing to do; 1 refused by a guard, or the file changed while the command ran;
             2 bad usage or unreadable input (stack file, pulumi output), or gcloud failed (--now)`;

export function main(argv: string[], now = new Date()): number {
    return run("rollback", () => {
        const { values, positionals } = parseCommand({
            args: argv,
            options: { ...COMMON_OPTIONS, to: { type: "string" }, now: { type: "boolean", default: false } },
            allowPositionals: true,
            strict: true,
        });
        if (values.help) {
            console.log(USAGE);
            return 0;
        }
        const stack = checkCommon(positionals, values.force, values.reason);
        if (values.to !== undefined && !isDigest(values.to)) {
            throw new BadInput(`--to: expected "sha256:" and 64 lowercase hex digits, got ${JSON.stringify(values.to)}`);
        }
        const edit = StackFileEdit.open(projectDir(), stack);
        const { config } = edit;
        const services = selectServices(config, values.service);
        if (values.to !== undefined && services.length !== 1) {
            throw new BadInput(`--to names one image digest: choose one service with --service (services: ${services.join(", ")})`);
        }
        const outputs = stackOutputs(projectDir(), stack);
        const reported = outputs.releasedDigests;
        const parsed = reported === undefined ? undefined : parseReleasedDigests(reported);
        if (parsed && "problem" in parsed) {
            throw new BadInput(`stack "${stack}" reports a malformed releasedDigests output: ${parsed.problem}`);
        }
        const decision = decideRollback({ config, services, history: parsed?.digests, migrators: parseReleasedMigrators(outputs.releasedMigrators), to: values.to });
        enforce(decision, values.force, `npm run rollback -- ${stack}${values.to ? ` --service ${services[0]} --to ${values.to}` : ""}`);
        if (decision.changes.length === 0) {
            console.log(`nothing to do: ${decision.unchanged.map((service) => `${service} already runs ${config.services[service].digest}`).join(", ")}`);
            return 0;
        }
        if (values.now) {
            return rollbackNow(edit, decision, { reason: values.reason, dryRun: values["dry-run"], now });
        }
        decision.changes.forEach((change) => edit.setDigest(change.service, change.to));
        decision.changes.forEach((change) => change.migrator && edit.setMigratorDigest(change.service, change.migrator));
        edit.appendReleases(releaseEntries(decision.changes, { from: stack, at: releaseTime(now), by: releaser(projectDir()), kind: "rollback", reason: values.reason }));
        writeAndReport({
            edit,
            decision,
            dryRun: values["dry-run"],
            headline: `rollback ${stack}: ${decision.changes.map(describeChange).join(", ")}`,
            commitMessage: `Roll back ${decision.changes.map((change) => change.service).join(", ")} in ${stack}`,
        });
        return 0;
    });
}
