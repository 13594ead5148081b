/**
 * `npm run plan -- [<stack>...] [--config <file>] [--json] [--emit-cloudbuild <dir>]`: the program evaluated offline
 * for each stack, as a table of every resource with its key settings (or one JSON document), followed by the verdict
 * of the bilko-guard policies on it. Exit 0 fine, 1 a mandatory policy is violated or the upstream guard refuses a
 * digest, 2 invalid config or usage.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseArgs } from "util";
import { policies } from "../policies/all";
import { ProgramRefusal } from "../offline/asyncRefusal";
import { writeCloudbuildFiles } from "./cloudbuildYaml";
import { evaluateStack, type StackPlan } from "../offline/evaluate";
import { checkStack, refuses, violationLines, type Violation } from "../offline/policyCheck";
import { promotionLines } from "./promotionSummary";
import { keySettings, shortType } from "./summary";
import { projectDir, ProjectNotFoundError, projectStacks, readStackFile, stackFilePath, StackFileError } from "../config";

const USAGE = `usage: npm run plan -- [<stack>...] [--config <file>] [--json] [--emit-cloudbuild <dir>]

Evaluates the bilko program for each stack under Pulumi's mock runtime: no Pulumi CLI, cloud
credentials or network. Prints every resource the stack would declare with its key settings,
then every violation of the bilko-guard policies (policies/) as: policy  level  resource  message.

  <stack>...       stacks to plan (default: every Pulumi.<stack>.yaml in the project)
  --config <file>  evaluate this stack file as the one named stack (e.g. a fixture)
  --json           print {"stacks":[{"stack","resources":[{"type","name","inputs"}],"outputs",
                   "violations":[{"policy","enforcementLevel","resource","message"}]}]}
  --emit-cloudbuild <dir>
                   also write each Cloud Build trigger's build as <dir>/<trigger>.cloudbuild.yaml,
                   for review (only the stack with sharedResources: true declares triggers)
  -h, --help       show this help

exit status: 0 fine (advisory violations allowed), 1 a mandatory policy is violated or the
             upstream guard refuses a digest that never ran upstream, 2 invalid config or usage`;

export class UsageError extends Error {}

export interface PlanRequest {
    stacks: string[];
    configFile?: string;
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
                config: { type: "string" },
                json: { type: "boolean", default: false },
                "emit-cloudbuild": { type: "string" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (parsed.values.help) {
        return "help";
    }
    const known = projectStacks();
    const stacks = parsed.positionals.length > 0 ? parsed.positionals : known;
    if (parsed.values.config !== undefined && parsed.positionals.length !== 1) {
        throw new UsageError("--config evaluates one file as one stack: name exactly one stack, e.g. `npm run plan -- prod --config fixture.yaml`");
    }
    if (parsed.values.config === undefined) {
        const unknown = stacks.find((stack) => !known.includes(stack));
        if (unknown) {
            throw new UsageError(`unknown stack "${unknown}": no Pulumi.${unknown}.yaml (stacks: ${known.join(", ")})`);
        }
    }
    return { stacks, configFile: parsed.values.config, json: parsed.values.json ?? false, emitCloudbuild: parsed.values["emit-cloudbuild"] };
}

/** A stack's plan with the policy verdict on it. */
export interface CheckedPlan extends StackPlan {
    violations: Violation[];
}

export async function planStacks(request: PlanRequest): Promise<CheckedPlan[]> {
    const directory = projectDir();
    const knownStacks = [...new Set([...projectStacks(directory), ...request.stacks])];
    const plans: CheckedPlan[] = [];
    for (const stack of request.stacks) {
        const file = request.configFile ? path.resolve(request.configFile) : stackFilePath(directory, stack);
        const values = readStackFile(file);
        const plan = await evaluateStack({ stack, file: path.basename(file), knownStacks, ...values });
        plans.push({ ...plan, violations: await checkStack(plan, policies) });
    }
    return plans;
}

function renderTable(plan: CheckedPlan): string {
    // By name, so each component's resources (named after it) stand together.
    const custom = plan.resources.filter((resource) => resource.custom).sort((a, b) => a.name.localeCompare(b.name));
    const rows = custom.map((resource) => [shortType(resource.type), resource.name, keySettings(resource)]);
    const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column].length), 4));
    const lines = [
        `stack ${plan.stack} (${plan.file}): environment ${plan.outputs.environment}, ${custom.length} resources`,
        ...rows.map((row) => `  ${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`.trimEnd()),
        "  outputs:",
        `    registryUrl        ${plan.outputs.registryUrl}`,
        ...Object.entries(plan.outputs.services).map(([name, service]) => `    services.${name}`.padEnd(23) + `${service.url}  ${service.image}`),
        ...Object.entries(plan.outputs.corsOrigins).map(([name, origins]) => `    corsOrigins.${name}`.padEnd(23) + origins.join(", ")),
        `    database           ${plan.outputs.database.connectionName} (${plan.outputs.database.version})`,
        ...promotionLines(plan.outputs),
        ...(plan.violations.length === 0 ? ["  policies: no violations"] : ["  policy violations:", ...violationLines(plan.violations).map((line) => `    ${line}`)]),
    ];
    return lines.join("\n");
}

function renderJson(plans: CheckedPlan[]): string {
    return JSON.stringify({
        stacks: plans.map((plan) => ({
            stack: plan.stack,
            file: plan.file,
            resources: plan.resources.map(({ type, name, inputs, options }) => ({ type, name, inputs, options })),
            outputs: plan.outputs,
            violations: plan.violations,
        })),
    }, null, 2);
}

/** Exit 1 with one line per refused stack naming the mandatory policies it violates; 0 when none is refused. */
function refusal(plans: CheckedPlan[]): number {
    const refused = plans.filter((plan) => refuses(plan.violations));
    for (const plan of refused) {
        const names = [...new Set(plan.violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => violation.policy))];
        console.error(`plan: ${plan.stack} (${plan.file}) violates mandatory policies: ${names.join(", ")}`);
    }
    return refused.length > 0 ? 1 : 0;
}

/** Config errors arrive as the program's one-line refusal; anything else is a bug and keeps its stack trace. */
function isConfigRefusal(error: unknown): boolean {
    return error instanceof StackFileError || error instanceof ProjectNotFoundError || pulumi.RunError.isInstance(error) || error instanceof UsageError;
}

export async function main(argv: string[]): Promise<number> {
    try {
        const request = parsePlanArgs(argv);
        if (request === "help") {
            console.log(USAGE);
            return 0;
        }
        const plans = await planStacks(request);
        console.log(request.json ? renderJson(plans) : plans.map(renderTable).join("\n\n"));
        if (request.emitCloudbuild !== undefined) {
            const written = writeCloudbuildFiles(plans.flatMap((plan) => plan.resources), request.emitCloudbuild);
            console.error(`plan: wrote ${written.length} cloudbuild file(s)${written.length > 0 ? `: ${written.join(", ")}` : ""}`);
        }
        return refusal(plans);
    } catch (error) {
        if (error instanceof ProgramRefusal) {
            // The upstream guard: the config is valid, but preview would refuse to deploy it.
            console.error(`plan: ${error.message}`);
            return 1;
        }
        if (isConfigRefusal(error)) {
            console.error(`plan: ${(error as Error).message}`);
            if (error instanceof UsageError) {
                console.error("run `npm run plan -- --help` for usage");
            }
            return 2;
        }
        throw error;
    }
}
