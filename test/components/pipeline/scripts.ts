/** Every step script the pipeline generates, as the shell will run it, for the syntax checks and shellcheck. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pipelineTriggers, SHELL_OF, unescapeFromCloudBuild } from "../../../components/pipeline";
import { allTriggers } from "./support";

export interface Script {
    name: string;
    shell: "bash" | "sh";
    text: string;
    /** Where the script was written for the checker. */
    file: string;
}

/** The scripts of the committed stage stack's triggers, exactly as Cloud Build will hand them to the shell. */
async function plannedScripts(): Promise<Omit<Script, "file">[]> {
    return Object.values(await allTriggers()).flatMap((trigger) =>
        trigger.build.steps.map((step: Record<string, any>) => ({ name: `${trigger.name}/${step.id}`, shell: step.entrypoint, text: unescapeFromCloudBuild(step.args[1]) })),
    );
}

/** The same generators with awkward values: paths and a backend that need quoting. */
function awkwardScripts(): Omit<Script, "file">[] {
    const specs = pipelineTriggers({
        app: "bilko",
        sharedStack: "stage",
        stacks: ["stage", "demo", "prod"],
        stateBackend: "gs://state bucket/with 'quotes'",
        stateBucket: "state bucket",
        secretsProvider: "gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/it's",
        kubernetesStacks: ["prod"],
        images: [
            { service: "web", repository: "europe-north1-docker.pkg.dev/p/bilko/web", context: "web app", dockerfile: "web app/Docker'file" },
            {
                service: "api-migrator",
                repository: "europe-north1-docker.pkg.dev/p/bilko/api-migrator",
                context: "/workspace/.bilko/migrator-api",
                dockerfile: "/workspace/.bilko/migrator-api/Dockerfile",
                migrator: { service: "api", migrations: "db migrations/it's", flyway: `docker.io/flyway/flyway@sha256:${"a".repeat(64)}`, socketFactory: { version: "1.25.0", sha256: "b".repeat(64) } },
            },
        ],
    });
    return specs.flatMap((spec) => spec.steps.map((step) => ({ name: `awkward ${spec.name}/${step.id}`, shell: SHELL_OF[step.builder], text: step.script })));
}

/** Every script, each written to a file of a fresh directory (`cleanup` removes it). */
export async function writtenScripts(): Promise<{ scripts: Script[]; cleanup: () => void }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-steps-"));
    const scripts = [...(await plannedScripts()), ...awkwardScripts()].map((script, index) => ({ ...script, file: path.join(dir, `${index}.${script.shell}`) }));
    scripts.forEach((script) => fs.writeFileSync(script.file, script.text));
    return { scripts, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
