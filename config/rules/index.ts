/** Rules that span several keys, checked once every value is well-formed; the first one broken is reported. */
import type { StackConfig } from "../types";
import { adoptionProblem } from "./adoption";
import { edgeProblem } from "./edge";
import { kubernetesProblem } from "./kubernetes";
import { networkProblem } from "./network";
import { notificationsProblem } from "./notifications";
import { pipelineProblem } from "./pipeline";
import { postgresProblem } from "./postgres";
import type { Problem } from "./problem";
import { servicesProblem } from "./services";
import { smokeProblem } from "./smoke";
import { upstreamProblem } from "./upstream";

export type { Problem } from "./problem";

export function crossFieldProblem(config: StackConfig, knownStacks: readonly string[]): Problem | undefined {
    return (
        upstreamProblem(config, knownStacks) ??
        postgresProblem(config) ??
        pipelineProblem(config) ??
        kubernetesProblem(config) ??
        networkProblem(config) ??
        servicesProblem(config) ??
        smokeProblem(config) ??
        edgeProblem(config) ??
        adoptionProblem(config) ??
        notificationsProblem(config)
    );
}
