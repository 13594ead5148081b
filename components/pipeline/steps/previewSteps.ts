/** Pull requests: the tests, then a preview of every stack with the policy pack, before anything merges. */
import { INSTALL, login, preview, PULUMI_ENV, type PulumiBackend } from "./pulumiCommands";
import { script, type ScriptStep } from "./step";

export function testStep(): ScriptStep {
    return {
        id: "test",
        builder: "pulumi",
        env: PULUMI_ENV,
        script: script("pulumi", [
            `# npm run verify runs shellcheck over every generated step script; the Pulumi image does not ship it.`,
            `apt-get update -qq`,
            `apt-get install -y -qq shellcheck > /dev/null`,
            INSTALL,
            `npm test`,
            `npm run verify`,
        ]),
    };
}

/** Previews run one after another: they share the plugin cache in the builder's home. */
export function previewStep(stack: string, backend: PulumiBackend): ScriptStep {
    return { id: `preview-${stack}`, builder: "pulumi", env: PULUMI_ENV, script: script("pulumi", [login(backend), preview(stack)]) };
}
