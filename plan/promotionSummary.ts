/** The promotion outputs of a planned stack, as lines of the plan's table. */
import type { RolloutOutputs } from "../components/cloudrun/rolloutOutput";
import { digestPrefix } from "../components/registry/images";
import type { ReleasedDigests } from "../promotion/releases";
import type { UpstreamVerdict } from "../promotion/upstreamGuard";
import type { StackPlan } from "../offline/evaluate";

const short = (digest: string) => `sha256:${digestPrefix(digest)}`;
const label = (text: string) => `    ${text}  `.padEnd(23);

export function promotionLines(outputs: StackPlan["outputs"]): string[] {
    const released = outputs.releasedDigests as ReleasedDigests;
    const verdict = outputs.upstreamGuard as UpstreamVerdict | undefined;
    const rollout = outputs.rollout as Record<string, RolloutOutputs>;
    return [
        ...Object.entries(released).map(([service, digests]) => label(`releasedDigests.${service}`) + digests.map(short).join(", ")),
        ...Object.entries(rollout).map(([service, state]) => label(`rollout.${service}`) + rolloutText(state)),
        ...(verdict ? [label("upstreamGuard") + verdictText(verdict)] : []),
    ];
}

function rolloutText(state: RolloutOutputs): string {
    if (state.candidate === undefined) {
        return "not deployed yet";
    }
    const candidate = `${state.candidate} ${state.candidatePercent ?? 0}%`;
    return state.stable ? `${candidate}, stable ${state.stable} ${100 - (state.candidatePercent ?? 0)}%` : `${candidate} (first deployment)`;
}

function verdictText(verdict: UpstreamVerdict): string {
    const services = verdict.services.map((service) =>
        service.verdict === "forced" ? `${service.service} forced (${JSON.stringify(service.reason)})` : `${service.service} ${service.verdict === "ran" ? "ran" : "refused"}`,
    );
    const program = verdict.program ? [`program ${verdict.program.ran ? "ran" : "never ran"}`] : [];
    return `${[...services, ...program].join(", ")} in ${verdict.upstream}`;
}
