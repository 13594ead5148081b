/**
 * After `pulumi up`: the smoke test (`npm run smoke`, the same checks a person runs), then the release, which is
 * what makes a digest count: only a digest that passed its smoke test enters `releasedDigests`, which promotion,
 * rollback and the downstream guard trust.
 */
import { configSet, facts, login, up } from "./pulumiCommands";
import { recordedStep } from "./recorded";
import { shellQuote } from "./shell";
import type { ScriptStep } from "./step";
import { pulumiBuilder, type DeployTarget } from "./target";
import { handoff } from "./workspace";

/** The smoke test tries each check this many times, this many seconds apart (about a minute in all). */
export const SMOKE_ATTEMPTS = 12;
export const SMOKE_DELAY_SECONDS = 5;

/** The logins' credentials into files only this build's steps can read; the smoke step deletes them. */
export function secretsStep(target: DeployTarget): ScriptStep {
    const { stack } = target;
    const dir = handoff.secretsDir(stack);
    return recordedStep(`secrets-${stack}`, "gcloud", stack, [
        `mapfile -t secrets < ${handoff.smokeSecrets(stack)}`,
        `umask 077`,
        `mkdir -p ${dir}`,
        `for line in "\${secrets[@]}"; do`,
        `    read -r secret project <<< "$line"`,
        `    gcloud secrets versions access latest --secret "$secret" --project "$project" > "${dir}/$secret"`,
        `done`,
    ]);
}

export function smokeCommand(stack: string): string {
    const options = [
        `--outputs ${handoff.outputsAfter(stack)}`,
        `--secrets-dir ${handoff.secretsDir(stack)}`,
        `--attempts ${SMOKE_ATTEMPTS}`,
        `--delay ${SMOKE_DELAY_SECONDS}`,
    ];
    return `node --require sucrase/register/ts tools/smoke.ts ${shellQuote(stack)} ${options.join(" ")}`;
}

export function smokeStep(target: DeployTarget): ScriptStep {
    const { stack } = target;
    return recordedStep(`smoke-${stack}`, pulumiBuilder(target), stack, [
        `if ${smokeCommand(stack)}; then outcome=passed; else outcome=failed; fi`,
        `rm -rf ${handoff.secretsDir(stack)}`,
        `if [[ $outcome == failed ]]; then`,
        `    fail "the smoke test of ${stack} failed (its report is above)"`,
        `fi`,
    ]);
}

/** Records each deployed digest as smoke-tested (in the build's copy of the file) and lets `pulumi up` release it. */
export function releaseStep(target: DeployTarget): ScriptStep {
    const { stack } = target;
    const passed = `${handoff.stackDir(stack)}/smoke-passed`;
    return recordedStep(`release-${stack}`, pulumiBuilder(target), stack, [
        `${facts(stack, "smoke-passed")} > ${passed}`,
        `mapfile -t digests < ${passed}`,
        login(target),
        `for line in "\${digests[@]}"; do`,
        `    read -r key digest <<< "$line"`,
        `    ${configSet(stack, `"$key"`, `"$digest"`)}`,
        `done`,
        `# Nothing in the cloud changes: the outputs now name these digests in releasedDigests.`,
        up(stack),
    ]);
}
