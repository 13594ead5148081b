/**
 * The stack that owns the pipeline (`bilko:sharedResources: true`), as a promoted stack needs it: its deploy trigger
 * is built from that stack's `bilko:pipeline` (source, backend, builders, Docker Hub cache) and lives next to it in
 * the pipeline's project settings. Read from its file beside this stack's file (a fixture directory), else the project.
 */
import * as path from "path";
import { StackConfigError } from "./errors";
import { parseStackConfig } from "./parse";
import { projectDir, projectStacks, stackFilePath } from "./project";
import { readStackFile } from "./stackFile";
import type { SharedStack, StackConfig } from "./types";

/** The directory whose stack files are this stack's siblings: `directory` if it holds the shared stack, else the project. */
export function siblingDirectory(directory: string | undefined): string {
    return directory !== undefined && sharedStackIn(directory) !== undefined ? directory : projectDir();
}

function sharedStackIn(directory: string): string | undefined {
    return projectStacks(directory).find((stack) => {
        try {
            return readStackFile(stackFilePath(directory, stack)).values["bilko:sharedResources"] === true;
        } catch {
            return false;
        }
    });
}

/** The shared stack, validated like any stack; `undefined` when `config` is the shared stack itself. */
export function readSharedStack(config: StackConfig, directory: string): SharedStack | undefined {
    if (config.sharedResources) {
        return undefined;
    }
    const stack = sharedStackIn(directory);
    if (stack === undefined) {
        throw new StackConfigError(config.file, "bilko:upstream", `no stack in ${directory} has bilko:sharedResources: true; a promoted stack's deploy trigger is made from that stack's bilko:pipeline`);
    }
    const file = stackFilePath(directory, stack);
    const shared = parseStackConfig(readStackFile(file).values, { stack, file: path.basename(file), knownStacks: projectStacks(directory) });
    if (shared.pipeline!.repository && (config.project !== shared.project || config.region !== shared.region)) {
        // A 2nd-gen connection belongs to one project and region; a 1st-gen GitHub App connection can serve each project.
        throw new StackConfigError(
            path.basename(file),
            "bilko:pipeline.repository",
            `is a 2nd-gen connection in ${shared.project}/${shared.region}, which the deploy trigger of ${config.stack} (in ${config.project}/${config.region}) cannot use; connect the repository with the Cloud Build GitHub App (github) instead`,
        );
    }
    return { stack, file: path.basename(file), project: shared.project, region: shared.region, registry: shared.registry, pipeline: shared.pipeline!, drift: shared.notifications?.drift !== undefined };
}
