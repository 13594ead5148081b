/** What the offline plan asks of adoption: the estate file of a stack's project, and the stack's adoption report. */
import * as fs from "fs";
import * as path from "path";
import { parseStackConfig, type StackIdentity } from "../config";
import type { StackPlan } from "../offline/evaluate";
import { checkAdoption, type AdoptionReport } from "./check";
import { estatePath, EstateError, readEstate } from "./estate/read";
import type { Estate } from "./estate/schema";

/** Estate files read once per plan: the one `--estate` names, or `estate/<gcp project>.yaml` where it exists. */
export class EstateFiles {
    private readonly read = new Map<string, { estate: Estate; name: string }>();

    constructor(
        private readonly directory: string,
        /** `--estate <file>`: evaluate every stack against this file instead. */
        private readonly override?: string,
    ) {}

    /** The estate of `project`; `undefined` when the project has no estate file (nothing to compare). */
    forProject(project: string): { estate: Estate; name: string } | undefined {
        const file = this.override ? path.resolve(this.override) : estatePath(this.directory, project);
        if (!this.override && !fs.existsSync(file)) {
            return undefined;
        }
        if (!this.read.has(file)) {
            const name = file.startsWith(`${this.directory}${path.sep}`) ? path.relative(this.directory, file) : file;
            this.read.set(file, { estate: readEstate(file, name), name });
        }
        const found = this.read.get(file)!;
        if (found.estate.project !== project) {
            throw new EstateError(`${found.name}: project: the estate is of "${found.estate.project}", but the stack runs in gcp:project "${project}"`);
        }
        return found;
    }
}

/** The adoption report of a planned stack against its project's estate, or `undefined` without an estate file. */
export function stackAdoption(plan: StackPlan, values: Record<string, unknown>, identity: StackIdentity, estates: EstateFiles, app: string): AdoptionReport | undefined {
    const config = parseStackConfig(values, identity);
    const found = estates.forProject(config.project);
    return found && checkAdoption({ plan, config, estate: found.estate, estateFile: found.name, app });
}
