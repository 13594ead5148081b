/**
 * `node --require sucrase/register/ts tools/pipelineFacts.ts <stack> <fact>`: what a deploy step needs to know
 * about a stack, printed one item per line from the commit's own `Pulumi.<stack>.yaml` (see stackFacts.ts):
 *   service-urns      URNs of the Cloud Run services, excluded from the first `pulumi up`
 *   migration-jobs    <job> <region> <project> of every migrations job this deployment runs (none for a rollback)
 *   backup            <instance> <project> when demo's or prod's database is migrated (backed up first)
 *   restore-digests   <config key path> <digest> to put back after a failure, from `pulumi stack output --json` on stdin
 *   running-digests   <config key path> <digest> where the file is older than what runs, from the stack's outputs on stdin
 *   smoke-passed      <config key path> <digest> that records each configured digest as smoke-tested
 *   smoke-secrets     <secret> <project> of every smoke login
 *   program-guard     nothing, or refuses: the upstream's outputs on stdin show it never deployed this program
 *   four-eyes         nothing, or refuses: `gcloud builds describe --format=json` on stdin shows the approver wrote the entry
 *   deploy-window     nothing, or refuses: the stack is outside its deploy windows for a digest that is no rollback or
 *                     forced promotion (its outputs on stdin say what it released last)
 *   announce          one line for the build's notification: what this deployment deploys, from whom and where
 *   drift             one line naming the resources `pulumi preview --json` on stdin would change (drift), or nothing
 * Exit 0 fine, 1 a check refused (one line on stderr), 2 usage, an invalid stack file, or stdin that is not JSON.
 */
import * as fs from "fs";
import { deployWindowProblem, fourEyesProblem, programGuardProblem } from "./deployChecks";
import { announcement, driftSummary } from "./reports";
import {
    backupTarget,
    FACTS,
    migrationJobs,
    restoreDigests,
    runningDigests,
    serviceUrns,
    smokePassed,
    smokeSecrets,
    type Fact,
} from "./stackFacts";
import { parseStackConfig, projectDir, projectName, projectStacks, readStackFile, StackConfigError, stackFilePath, StackFileError, type StackConfig } from "../../config";
import { currentProgramHash } from "../../promotion/programSource";

class CheckRefused extends Error {}
class BadStdin extends Error {}

function stackConfig(stack: string): StackConfig {
    const { values } = readStackFile(stackFilePath(projectDir(), stack));
    return parseStackConfig(values, { stack, knownStacks: projectStacks() });
}

function json(stdin: () => string, what: string): unknown {
    const text = stdin();
    try {
        return JSON.parse(text);
    } catch {
        throw new BadStdin(`expected ${what} as JSON on stdin, got ${JSON.stringify(text.slice(0, 60))}`);
    }
}

function refuseIf(problem: string | undefined): string[] {
    if (problem) {
        throw new CheckRefused(problem);
    }
    return [];
}

export function factLines(stack: string, fact: Fact, stdin: () => string): string[] {
    const config = stackConfig(stack);
    switch (fact) {
        case "service-urns":
            return serviceUrns(projectName(), config);
        case "migration-jobs":
            return migrationJobs(projectName(), config);
        case "backup":
            return backupTarget(config);
        case "restore-digests":
            return restoreDigests(config, json(stdin, "the stack's outputs"));
        case "running-digests":
            return runningDigests(config, json(stdin, "the stack's outputs"));
        case "smoke-passed":
            return smokePassed(config);
        case "smoke-secrets":
            return smokeSecrets(config);
        case "program-guard":
            return refuseIf(programGuardProblem(config, currentProgramHash(), json(stdin, "the upstream's outputs")));
        case "four-eyes":
            return refuseIf(fourEyesProblem(config, json(stdin, "the build")));
        case "deploy-window":
            return refuseIf(deployWindowProblem(config, new Date(), json(stdin, "the stack's outputs")));
        case "announce":
            return [announcement(config)];
        case "drift":
            return driftSummary(json(stdin, "pulumi preview --json"));
    }
}

export function main(argv: string[], stdin: () => string = () => fs.readFileSync(0, "utf8"), out: (text: string) => void = (text) => process.stdout.write(text)): number {
    const [stack, fact] = argv;
    if (argv.length !== 2 || !(FACTS as readonly string[]).includes(fact)) {
        console.error(`usage: tools/pipelineFacts.ts <stack> <${FACTS.join("|")}>`);
        return 2;
    }
    try {
        const lines = factLines(stack, fact as Fact, stdin);
        out(lines.map((line) => `${line}\n`).join(""));
        return 0;
    } catch (error) {
        if (error instanceof CheckRefused) {
            console.error(`refused: ${error.message}`);
            return 1;
        }
        if (error instanceof StackConfigError || error instanceof StackFileError || error instanceof BadStdin) {
            console.error(`pipelineFacts: ${error.message}`);
            return 2;
        }
        throw error;
    }
}
