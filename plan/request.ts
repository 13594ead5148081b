/** What `npm run plan` is asked to do: its arguments, checked against the project's stacks. Loads no Pulumi package. */
import * as fs from "fs";
import { parseArgs } from "util";
import { projectDir, projectStacks, unknownStackReason } from "../config";
import { UsageError } from "./errors";

export const USAGE = `usage: npm run plan -- [<stack>...] [--config <file>] [--estate <file>] [--json] [--emit-cloudbuild <dir>]

Evaluates the bilko program for each stack under Pulumi's mock runtime: no Pulumi CLI, cloud
credentials or network. Prints every resource the stack would declare with its key settings,
then every violation of the bilko-guard policies (policies/) as: policy  level  resource  message.

  <stack>...       stacks to plan (default: every Pulumi.<stack>.yaml in the project)
  --config <file>  evaluate this stack file as the one named stack (e.g. a fixture)
  --estate <file>  compare with this estate file instead of estate/<gcp:project>.yaml: refuse creating
                   what exists, show what the first pulumi up changes on what is adopted
  --json           print {"stacks":[{"stack","resources":[{"type","name","inputs"}],"outputs",
                   "violations":[{"policy","enforcementLevel","resource","message"}]}]}
  --emit-cloudbuild <dir>
                   also write each Cloud Build trigger's build as <dir>/<trigger>.cloudbuild.yaml,
                   for review (the shared stack's build and preview, each promoted stack's deploy trigger)
  -h, --help       show this help

exit status: 0 fine (advisory violations allowed), 1 a mandatory policy is violated, the
             upstream guard refuses a digest that never ran upstream, or the estate check refuses
             (a collision, or a first-run change not acknowledged), 2 invalid config or usage, an
             unreadable stack or estate file, a stack reference that cannot be answered, or cloudbuild
             files that cannot be written (one line, and no plan printed)`;

export interface PlanRequest {
    stacks: string[];
    configFile?: string;
    /** Estate file to compare with, instead of `estate/<gcp:project>.yaml`. */
    estate?: string;
    json: boolean;
    /** Directory for `<trigger>.cloudbuild.yaml` files. */
    emitCloudbuild?: string;
}

export function parsePlanArgs(argv: string[]): PlanRequest | "help" {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            options: {
                config: { type: "string", multiple: true },
                estate: { type: "string", multiple: true },
                json: { type: "boolean", default: false },
                "emit-cloudbuild": { type: "string", multiple: true },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (parsed.values.help) {
        return "help";
    }
    const configFile = once(parsed.values.config, "--config");
    const emitCloudbuild = once(parsed.values["emit-cloudbuild"], "--emit-cloudbuild");
    if (emitCloudbuild !== undefined && fs.existsSync(emitCloudbuild) && !fs.statSync(emitCloudbuild).isDirectory()) {
        throw new UsageError(`--emit-cloudbuild ${emitCloudbuild}: it is a file; name a directory (it is created if missing)`);
    }
    const known = projectStacks();
    const stacks = parsed.positionals.length > 0 ? parsed.positionals : known;
    if (configFile !== undefined && parsed.positionals.length !== 1) {
        throw new UsageError("--config evaluates one file as one stack: name exactly one stack, e.g. `npm run plan -- prod --config fixture.yaml`");
    }
    if (configFile === undefined) {
        const unknown = stacks.find((stack) => !known.includes(stack));
        if (unknown) {
            throw new UsageError(unknownStackReason(projectDir(), unknown, ""));
        }
    }
    return { stacks, configFile, estate: once(parsed.values.estate, "--estate"), json: parsed.values.json ?? false, emitCloudbuild };
}

/** A value option given at most once: repeated, the last would silently win, so it is refused. */
function once(values: string[] | undefined, option: string): string | undefined {
    if (values && values.length > 1) {
        throw new UsageError(`${option} given ${values.length} times; give it once`);
    }
    return values?.[0];
}

