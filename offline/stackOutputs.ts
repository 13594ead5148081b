/**
 * Stack references answered offline: a referenced stack's outputs as its committed `Pulumi.<stack>.yaml` implies
 * after a first deployment with this program whose smoke tests passed, deployed from this working tree (so the
 * program guard always finds its own hash). So the plan exercises the upstream guard with no backend.
 *
 * A reference that cannot be answered fails the read the way the engine fails one to a stack that does not exist:
 * the program stops, and the plan reports the reference and why in one line (see asyncRefusal.ts).
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, projectDir, projectName, projectStacks, readStackFile, StackConfigError, stackFilePath, StackFileError, unknownStackReason } from "../config";
import { programHistory } from "../promotion/programGuard";
import { currentProgramHash } from "../promotion/programSource";
import { configuredDigests, configuredMigrators, releasedDigests, releasedMigrators } from "../promotion/releases";

/** A plan reads each committed file several times (as upstream, as itself, as the gate): parse it once per version. */
const answered = new Map<string, { modified: number; outputs: Record<string, unknown> }>();

/** Outputs of the stack named `<organization>/<project>/<stack>` (or `<organization>/<stack>`, or just `<stack>`). */
export function committedStackOutputs(referenceName: string): Record<string, unknown> {
    const parts = referenceName.split("/");
    const stack = parts[parts.length - 1];
    const directory = projectDir();
    if (parts.length > 3 || !stack) {
        throw new Error(`expected a stack name such as <organization>/<project>/<stack>`);
    }
    const project = projectName(directory);
    if (parts.length === 3 && parts[1] !== project) {
        throw new Error(`it names project "${parts[1]}", and offline only this project's ("${project}") stacks can be answered`);
    }
    const file = stackFilePath(directory, stack);
    if (!fs.existsSync(file)) {
        if (stack === pulumi.getStack()) {
            // The stack being planned reads its own previous outputs: without a committed file it never deployed.
            return {};
        }
        throw new Error(unknownStackReason(directory, stack));
    }
    const modified = fs.statSync(file).mtimeMs;
    const cached = answered.get(file);
    if (cached?.modified === modified) {
        return cached.outputs;
    }
    const outputs = outputsOf(directory, stack, file);
    answered.set(file, { modified, outputs });
    return outputs;
}

function outputsOf(directory: string, stack: string, file: string): Record<string, unknown> {
    let config;
    try {
        config = parseStackConfig(readStackFile(file).values, { stack, file: path.basename(file), knownStacks: projectStacks(directory) });
    } catch (error) {
        // Keep only the one-line reason: the SDK wraps it into the failed read anyway.
        throw error instanceof StackConfigError || error instanceof StackFileError ? new Error(error.message) : error;
    }
    const current = configuredDigests(config.services);
    const released = releasedDigests({ current, smokePassed: current, releases: config.releases });
    return {
        environment: config.environment,
        services: Object.fromEntries(
            Object.entries(config.services).map(([name, service]) => [
                name,
                { digest: service.digest, hostname: service.hostname, ...(service.migrations ? { migrator: service.migrations.digest } : {}) },
            ]),
        ),
        releasedDigests: released,
        releasedMigrators: releasedMigrators({ released, current, migrators: configuredMigrators(config.services) }),
        program: programHistory(currentProgramHash(), undefined),
    };
}
