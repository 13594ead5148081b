/** The plan CLI, run in this process (fast: the Pulumi packages are loaded once) or as its own process (the real entry). */
import { spawnSync } from "child_process";
import { main } from "../../plan/cli";
import { PROJECT_DIR } from "../support/stacks";

export interface PlanRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** `main(argv)` with its output captured, each write ending in a newline as console.log's would. */
export async function runPlan(...argv: string[]): Promise<PlanRun> {
    let stdout = "";
    let stderr = "";
    const status = await main(argv, { out: (text) => (stdout += `${text}\n`), err: (text) => (stderr += `${text}\n`) });
    return { status, stdout, stderr };
}

/** `node tools/plan.ts argv` from the project directory, as `npm run plan` starts it. */
export function spawnPlan(...argv: string[]): PlanRun {
    const run = spawnSync(process.execPath, ["--require", "sucrase/register/ts", "tools/plan.ts", ...argv], { cwd: PROJECT_DIR, encoding: "utf8" });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
