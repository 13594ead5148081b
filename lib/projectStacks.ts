/** The stacks of a project directory, readable without loading the program or Pulumi (tools use it at start-up). */
import * as fs from "fs";
import { ENVIRONMENTS } from "./stackConfig";

/** Stacks of this project (one `Pulumi.<stack>.yaml` each), in promotion order: stage, demo, prod, then others. */
export function projectStacks(directory: string): string[] {
    const rank = (stack: string) => {
        const index = (ENVIRONMENTS as readonly string[]).indexOf(stack);
        return index === -1 ? ENVIRONMENTS.length : index;
    };
    return fs
        .readdirSync(directory)
        .map((file) => /^Pulumi\.([^.]+)\.ya?ml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
