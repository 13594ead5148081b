/** The plan as people and machines read it: a table per stack, or one JSON document. */
import { adoptionLines } from "../adoption/render";
import { violationLines } from "../offline/policyCheck";
import { edgeLines } from "./edgeSummary";
import type { CheckedPlan } from "./plan";
import { promotionLines } from "./promotionSummary";
import { keySettings, shortType } from "./summary";

export function renderTable(plan: CheckedPlan): string {
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
        ...edgeLines(custom),
        ...(plan.violations.length === 0 ? ["  policies: no violations"] : ["  policy violations:", ...violationLines(plan.violations).map((line) => `    ${line}`)]),
        ...(plan.adoption ? adoptionLines(plan.adoption) : []),
    ];
    return lines.join("\n");
}

export function renderJson(plans: CheckedPlan[], unmanaged: string[] = []): string {
    return JSON.stringify({
        stacks: plans.map((plan) => ({
            stack: plan.stack,
            file: plan.file,
            resources: plan.resources.map(({ type, name, inputs, options }) => ({ type, name, inputs, options })),
            outputs: plan.outputs,
            violations: plan.violations,
            ...(plan.adoption ? { adoption: adoptionJson(plan.adoption) } : {}),
        })),
        ...(unmanaged.length > 0 ? { unmanaged: unmanaged.map((line) => line.replace(/^unmanaged: /, "")) } : {}),
    }, null, 2);
}

function adoptionJson({ estate, adopted, refusals, notes }: NonNullable<CheckedPlan["adoption"]>) {
    return { estate, adopted, refusals, notes };
}

