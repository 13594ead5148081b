/**
 * `npm run plan -- [<stack>...] [--config <file>] [--json]`: the program evaluated offline for each stack, as a
 * table of every resource with its key settings (or one JSON document). Exit 0 fine, 2 invalid config or usage.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseArgs } from "util";
import { projectStacks } from "../program";
import { evaluateStack, type StackPlan } from "./offline/evaluate";
import { keySettings, shortType } from "./offline/summary";
import { readStackFile, stackFilePath, StackFileError } from "./offline/stackFile";

const PROJECT_DIR = path.resolve(__dirname, "..");

const USAGE = `usage: npm run plan -- [<stack>...] [--config <file>] [--json]

Evaluates the bilko program for each stack under Pulumi's mock runtime: no Pulumi CLI, cloud
credentials or network. Prints every resource the stack would declare with its key settings.

  <stack>...       stacks to plan (default: every Pulumi.<stack>.yaml in the project)
  --config <file>  evaluate this stack file as the one named stack (e.g. a fixture)
  --json           print {"stacks":[{"stack","resources":[{"type","name","inputs"}],"outputs"}]}
  -h, --help       show this help

exit status: 0 fine, 2 invalid config or usage`;

export class UsageError extends Error {}

export interface PlanRequest {
    stacks: string[];
    configFile?: string;
    json: boolean;
}

export function parsePlanArgs(argv: string[]): PlanRequest | "help" {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            options: { config: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
        });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (parsed.values.help) {
        return "help";
    }
    const known = projectStacks(PROJECT_DIR);
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
    return { stacks, configFile: parsed.values.config, json: parsed.values.json ?? false };
}

export async function planStacks(request: PlanRequest): Promise<StackPlan[]> {
    const knownStacks = [...new Set([...projectStacks(PROJECT_DIR), ...request.stacks])];
    const plans: StackPlan[] = [];
    for (const stack of request.stacks) {
        const file = request.configFile ? path.resolve(request.configFile) : stackFilePath(PROJECT_DIR, stack);
        const values = readStackFile(file);
        plans.push(await evaluateStack({ stack, file: path.basename(file), knownStacks, ...values }));
    }
    return plans;
}

function renderTable(plan: StackPlan): string {
    const custom = plan.resources.filter((resource) => resource.custom);
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
    ];
    return lines.join("\n");
}

function renderJson(plans: StackPlan[]): string {
    return JSON.stringify({
        stacks: plans.map((plan) => ({
            stack: plan.stack,
            file: plan.file,
            resources: plan.resources.map(({ type, name, inputs, options }) => ({ type, name, inputs, options })),
            outputs: plan.outputs,
        })),
    }, null, 2);
}

/** Config errors arrive as the program's one-line refusal; anything else is a bug and keeps its stack trace. */
function isConfigRefusal(error: unknown): boolean {
    return error instanceof StackFileError || pulumi.RunError.isInstance(error) || error instanceof UsageError;
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
        return 0;
    } catch (error) {
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

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
