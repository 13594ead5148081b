/** The running stack's configuration, as the engine (or the mock runtime) hands it to the program. */
import * as pulumi from "@pulumi/pulumi";
import { decodePulumiConfig, parseStackConfig, projectStacks, readSharedStack, siblingDirectory, StackConfigError, type StackConfig } from "../config";

// Internal to the SDK (absent from its typings): whether Pulumi marked a config key as holding a secret.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret: (key: string) => boolean };

/**
 * Reads and validates the running stack's configuration; invalid config stops the program before any resource.
 * `securePaths` says exactly where the stack file holds `secure:` values (the offline plan reads the file); without
 * it, the keys Pulumi marks secret stand in for them. `directory` holds the stack's file: the other stacks' files
 * are read next to it when the shared stack is there (a fixture directory), else from the project.
 */
export function loadStackConfig(options: { file?: string; knownStacks?: string[]; securePaths?: string[]; directory?: string } = {}): StackConfig {
    const stack = pulumi.getStack();
    const knownStacks = options.knownStacks ?? projectStacks();
    const values = pulumi.runtime.allConfig();
    const securePaths = options.securePaths ?? Object.keys(values).filter((key) => runtimeConfig.isConfigSecret(key));
    try {
        const config = parseStackConfig(decodePulumiConfig(values), { stack, file: options.file, knownStacks, securePaths });
        const directory = siblingDirectory(options.directory);
        return { ...config, directory, shared: readSharedStack(config, directory) };
    } catch (error) {
        // RunError prints just the message: the one line naming file and key is the whole story.
        throw error instanceof StackConfigError ? new pulumi.RunError(error.message) : error;
    }
}
