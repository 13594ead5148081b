/**
 * Both stacks evaluated offline from the project's stack files, as `npm run plan` evaluates them (stack references
 * answered from the committed files), each with the chain of stacks it promotes from.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, projectDir, ProjectNotFoundError, projectStacks, readStackFile, StackConfigError, stackFilePath, StackFileError } from "../config";
import { ProgramRefusal } from "../offline/asyncRefusal";
import { evaluateStack } from "../offline/evaluate";
import { ParityRefusal } from "./errors";
import { ancestorsOf, type StackSide } from "./normalise";

export async function evaluateSides(a: string, b: string): Promise<[StackSide, StackSide]> {
    try {
        const directory = projectDir();
        const knownStacks = projectStacks(directory);
        const upstreamOf = (stack: string) => parseStackConfig(readStackFile(stackFilePath(directory, stack)).values, { stack, knownStacks }).upstream;
        const side = async (stack: string): Promise<StackSide> => {
            const file = stackFilePath(directory, stack);
            const plan = await evaluateStack({ stack, file: path.basename(file), knownStacks, ...readStackFile(file) });
            return { plan, ancestors: ancestorsOf(stack, upstreamOf) };
        };
        // One at a time: the mock runtime is process-global.
        const left = await side(a);
        return [left, await side(b)];
    } catch (error) {
        if (error instanceof ProgramRefusal) {
            // The upstream guard: the config is valid, but preview would refuse to deploy it.
            throw new ParityRefusal(error.message, 1);
        }
        if (error instanceof StackFileError || error instanceof StackConfigError || error instanceof ProjectNotFoundError || pulumi.RunError.isInstance(error)) {
            throw new ParityRefusal(error.message, 2);
        }
        throw error;
    }
}
