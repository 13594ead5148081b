/**
 * `node --require sucrase/register/ts tools/pipelineFacts.ts <stack> <fact>`: what a deploy step needs to know
 * about a stack, printed one item per line from the commit's own `Pulumi.<stack>.yaml` (see stackFacts.ts).
 *   health-urls        https://<hostname><healthPath> of every service
 *   smoke-urls         the health URLs, plus each canary candidate's tagged URL, from `pulumi stack output rollout --json` on stdin
 *   migration-jobs     <job> <region> <project> of every migrations job
 *   migration-targets  URNs of the migrations jobs and their resources, for `pulumi up --target`
 *   previous-digests   <config key path> <digest> per service, from `pulumi stack output services --json` on stdin
 * Exit 0 fine, 2 usage or invalid stack file.
 */
import * as fs from "fs";
import { FACTS, healthUrls, migrationJobs, migrationTargets, previousDigests, smokeUrls, type Fact } from "./stackFacts";
import { parseStackConfig, projectDir, projectName, projectStacks, readStackFile, StackConfigError, stackFilePath, StackFileError, type StackConfig } from "../../config";

function stackConfig(stack: string): StackConfig {
    const { values } = readStackFile(stackFilePath(projectDir(), stack));
    return parseStackConfig(values, { stack, knownStacks: projectStacks() });
}

export function factLines(stack: string, fact: Fact, stdin: () => string): string[] {
    switch (fact) {
        case "health-urls":
            return healthUrls(stackConfig(stack));
        case "smoke-urls":
            return smokeUrls(stackConfig(stack), JSON.parse(stdin()));
        case "migration-jobs":
            return migrationJobs(projectName(), stackConfig(stack));
        case "migration-targets":
            return migrationTargets(projectName(), stackConfig(stack));
        case "previous-digests":
            return previousDigests(JSON.parse(stdin()));
    }
}

export function main(argv: string[]): number {
    const [stack, fact] = argv;
    if (argv.length !== 2 || !(FACTS as readonly string[]).includes(fact)) {
        console.error(`usage: tools/pipelineFacts.ts <stack> <${FACTS.join("|")}>`);
        return 2;
    }
    try {
        const lines = factLines(stack, fact as Fact, () => fs.readFileSync(0, "utf8"));
        process.stdout.write(lines.map((line) => `${line}\n`).join(""));
        return 0;
    } catch (error) {
        if (error instanceof StackConfigError || error instanceof StackFileError) {
            console.error(`pipelineFacts: ${error.message}`);
            return 2;
        }
        throw error;
    }
}
