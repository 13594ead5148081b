/** Pull requests: the tests, then a preview of every stack with the policy pack, before anything merges. */
import { configSet, facts, INSTALL, login, preview, PULUMI_ENV, stackOutputs, type PulumiBackend } from "./pulumiCommands";
import { script, type ScriptStep } from "./step";
import { pulumiBuilder } from "./target";
import { HANDOFF_DIR } from "./workspace";

/**
 * `npm test` and `npm run verify` in Pulumi's full image: verify needs gcloud (its Cloud Build config parser), which
 * that image has; shellcheck it installs from Debian.
 */
export function testStep(): ScriptStep {
    return {
        id: "test",
        builder: "pulumiGke",
        env: PULUMI_ENV,
        script: script("pulumiGke", [
            `# npm run verify runs shellcheck over every generated step script; the Pulumi image does not ship it.`,
            `apt-get update -qq`,
            `apt-get install -y -qq shellcheck > /dev/null`,
            INSTALL,
            `npm test`,
            `npm run verify`,
        ]),
    };
}

/**
 * Previews run one after another: they share the plugin cache in the builder's home. A stack whose digests come from
 * the build (stage) is previewed at the digests it runs where its file is older, so the pull request's preview shows
 * the pull request's changes and never a rollback of stage.
 */
export function previewStep(stack: string, backend: PulumiBackend, options: { runningDigests?: boolean; kubernetes?: boolean } = {}): ScriptStep {
    const builder = pulumiBuilder(options);
    const sync = options.runningDigests ? syncRunningDigests(stack, "preview") : [];
    return { id: `preview-${stack}`, builder, env: PULUMI_ENV, script: script(builder, [login(backend), ...sync, preview(stack)]) };
}

/** Sets into the build's copy of the stack file each digest the stack runs that is newer than the file's. */
export function syncRunningDigests(stack: string, purpose: string): string[] {
    const outputs = `${HANDOFF_DIR}/${purpose}-${stack}-outputs.json`;
    const running = `${HANDOFF_DIR}/${purpose}-${stack}-running`;
    return [
        `mkdir -p ${HANDOFF_DIR}`,
        `if ! ${stackOutputs(stack)} > ${outputs}; then`,
        `    echo '{}' > ${outputs}`,
        `fi`,
        `${facts(stack, "running-digests")} < ${outputs} > ${running}`,
        `mapfile -t running < ${running}`,
        `for line in "\${running[@]}"; do`,
        `    read -r key digest <<< "$line"`,
        `    echo "${stack} runs $digest, newer than this branch's file: ${purpose === "preview" ? "previewing" : "checking"} with it"`,
        `    ${configSet(stack, `"$key"`, `"$digest"`)}`,
        `done`,
    ];
}
