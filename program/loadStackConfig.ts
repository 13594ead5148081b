/** The running stack's configuration, as the engine (or the mock runtime) hands it to the program. */
import * as pulumi from "@pulumi/pulumi";
import { decodePulumiConfig, parseStackConfig, projectStacks, StackConfigError, type StackConfig } from "../config";

/** Reads and validates the running stack's configuration; invalid config stops the program before any resource. */
export function loadStackConfig(options: { file?: string; knownStacks?: string[] } = {}): StackConfig {
    const stack = pulumi.getStack();
    const knownStacks = options.knownStacks ?? projectStacks();
    try {
        return parseStackConfig(decodePulumiConfig(pulumi.runtime.allConfig()), { stack, file: options.file, knownStacks });
    } catch (error) {
        // RunError prints just the message: the one line naming file and key is the whole story.
        throw error instanceof StackConfigError ? new pulumi.RunError(error.message) : error;
    }
}
