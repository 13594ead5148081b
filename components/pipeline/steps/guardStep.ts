/**
 * A promotion commit changes one stack file and nothing else. Cloud Build's `includedFiles` starts the deploy
 * trigger when *any* changed file matches, so this first step refuses a commit that also changes code: that code
 * has not run in stage yet.
 */
import { script, type ScriptStep } from "./step";
import { shellQuote } from "./shell";

export function promotionOnlyGuard(stackFile: string): ScriptStep {
    return {
        id: "promotion-only",
        builder: "gcloud",
        script: script("gcloud", [
            `# Triggered builds get a shallow clone of the one commit; fetch its parent to see what it changed.`,
            `git fetch --quiet --deepen=1`,
            `changed=$(git diff --name-only HEAD~1 HEAD)`,
            `if [[ $changed != ${shellQuote(stackFile)} ]]; then`,
            `    echo "this commit changes more than ${stackFile}:" >&2`,
            `    echo "$changed" >&2`,
            `    echo "merge code first (the build trigger tests it in stage), then promote in a commit of its own" >&2`,
            `    exit 1`,
            `fi`,
        ]),
    };
}
