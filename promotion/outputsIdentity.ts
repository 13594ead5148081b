/**
 * Whether `pulumi stack output --json` answered for the stack that was meant. Every stack of this program exports its
 * `environment` and the `registryUrl` its images come from: outputs with another environment are another stack's (a
 * wrong name or organization), outputs with another registry are another project's, whose digests name no image of
 * ours.
 */
import { show } from "../common/text";

export interface ExpectedStack {
    /** The stack as it was asked for, and the file that says what it is. */
    stack: string;
    file: string;
    environment: string;
    /** The registry the digests must come from: the one the edited stack pulls its images from. */
    registryUrl: string;
}

/** Why `outputs` are not the expected stack's, in one line; undefined when they are. */
export function foreignOutputsProblem(outputs: Record<string, unknown>, expected: ExpectedStack): string | undefined {
    const { environment, registryUrl } = outputs;
    if (environment === undefined || registryUrl === undefined) {
        return `stack "${expected.stack}" reports no ${environment === undefined ? "environment" : "registryUrl"} output: it was not deployed by this program`;
    }
    if (environment !== expected.environment) {
        return (
            `stack "${expected.stack}" reports environment ${show(environment)}, but ${expected.file} says "${expected.environment}": ` +
            `these are another stack's outputs (check the stack name and bilko:organization)`
        );
    }
    if (registryUrl !== expected.registryUrl) {
        return (
            `stack "${expected.stack}" reports registryUrl ${show(registryUrl)}, not "${expected.registryUrl}": ` +
            `its digests name images of another registry (another project's stack?)`
        );
    }
    return undefined;
}
