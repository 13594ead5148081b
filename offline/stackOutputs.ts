/**
 * Stack references answered offline: a referenced stack's outputs as its committed `Pulumi.<stack>.yaml` implies
 * after a first deployment with this program whose smoke tests passed, deployed from this working tree (so the
 * program guard always finds its own hash). So the plan exercises the upstream guard with no backend.
 */
import * as fs from "fs";
import { programHistory } from "../promotion/programGuard";
import { currentProgramHash } from "../promotion/programSource";
import { configuredDigests, configuredMigrators, releasedDigests, releasedMigrators } from "../promotion/releases";
import { parseStackConfig, projectDir, projectStacks, readStackFile, stackFilePath, StackFileError } from "../config";

/** A plan reads each committed file several times (as upstream, as itself, as the gate): parse it once per version. */
const answered = new Map<string, { modified: number; outputs: Record<string, unknown> }>();

/** Outputs of the stack named `<organization>/<project>/<stack>` (or just `<stack>`). */
export function committedStackOutputs(referenceName: string): Record<string, unknown> {
    const stack = referenceName.split("/").pop()!;
    const file = stackFilePath(projectDir(), stack);
    const modified = fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1;
    const cached = answered.get(stack);
    if (cached?.modified === modified) {
        return cached.outputs;
    }
    const outputs = outputsOf(stack, referenceName);
    answered.set(stack, { modified, outputs });
    return outputs;
}

function outputsOf(stack: string, referenceName: string): Record<string, unknown> {
    const directory = projectDir();
    const knownStacks = projectStacks(directory);
    if (!knownStacks.includes(stack)) {
        throw new StackFileError(`stack reference "${referenceName}": no Pulumi.${stack}.yaml to answer it from (stacks: ${knownStacks.join(", ")})`);
    }
    const config = parseStackConfig(readStackFile(stackFilePath(directory, stack)).values, { stack, knownStacks });
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
