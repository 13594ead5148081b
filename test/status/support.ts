/**
 * A project copy whose fake `pulumi` and `gcloud` (test/fixtures/promotion/bin) answer as three deployed stacks would,
 * at a fixed time: stage runs a new web digest (its file lags, as stage's does), demo runs what stage ran before and
 * prod what demo ran before that. Every digest, commit and time is synthetic.
 */
import * as fs from "fs";
import * as path from "path";
import { main } from "../../status";
import { currentProgramHash } from "../../promotion/programSource";
import { committedValues } from "../support/stacks";
import { digestOf, Project } from "../promotion/cli/support";

/** Thu 3 Dec 2026 10:00 in Oslo: inside prod's window. */
export const NOW = new Date("2026-12-03T09:00:00Z");
export const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60000).toISOString();

const demo = committedValues("demo")["bilko:services"];
const prod = committedValues("prod")["bilko:services"];
export const DIGESTS = { stageWeb: digestOf("5"), api: demo.api.digest, demoWeb: demo.web.digest, prodWeb: prod.web.digest, prodApi: prod.api.digest };
export const COMMITS = { stageWeb: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", demoWeb: "0f1e2d3c4b5a69788796a5b4c3d2e1f001234567" };

function update(version: number, endTime: string, services: Record<string, string>): Record<string, unknown> {
    const config = { "bilko:services": JSON.stringify(Object.fromEntries(Object.entries(services).map(([name, digest]) => [name, { digest }]))) };
    return { version, kind: "update", result: "succeeded", startTime: endTime, endTime, message: "", environment: {}, config, resourceChanges: { same: 30 } };
}

export function deployedProject(options: { windows?: boolean; demoReleased?: boolean } = {}): Project {
    const program = { hash: currentProgramHash(), deployed: [currentProgramHash()] };
    const project = new Project({ windows: options.windows });
    project
        .outputs("stage", {
            services: { web: { digest: DIGESTS.stageWeb }, api: { digest: DIGESTS.api } },
            releasedDigests: { web: [DIGESTS.stageWeb, DIGESTS.demoWeb], api: [DIGESTS.api] },
            program,
        })
        .history("stage", [
            update(12, minutesBefore(190), { web: DIGESTS.stageWeb, api: DIGESTS.api }),
            update(11, minutesBefore(600), { web: DIGESTS.stageWeb, api: DIGESTS.api }),
            update(10, minutesBefore(3000), { web: DIGESTS.demoWeb, api: DIGESTS.api }),
            { version: 13, kind: "update", result: "failed", endTime: minutesBefore(30), config: {} },
        ])
        .outputs("demo", {
            services: { web: { digest: DIGESTS.demoWeb }, api: { digest: DIGESTS.api } },
            releasedDigests: { web: options.demoReleased === false ? [DIGESTS.prodWeb] : [DIGESTS.demoWeb, DIGESTS.prodWeb], api: [DIGESTS.api] },
            program,
        })
        .history("demo", [update(7, minutesBefore(2900), { web: DIGESTS.demoWeb, api: DIGESTS.api })])
        .outputs("prod", { services: { web: { digest: DIGESTS.prodWeb }, api: { digest: DIGESTS.prodApi } }, releasedDigests: { web: [DIGESTS.prodWeb], api: [DIGESTS.prodApi] }, program })
        .history("prod", [update(3, minutesBefore(14000), { web: DIGESTS.prodWeb, api: DIGESTS.prodApi })]);
    fs.writeFileSync(
        path.join(project.fixtures, "images.web.json"),
        JSON.stringify([
            { package: "europe-north1-docker.pkg.dev/tribal-sign-487920-k0/bilko/web", version: DIGESTS.stageWeb, tags: [`sha-${COMMITS.stageWeb}`] },
            { package: "europe-north1-docker.pkg.dev/tribal-sign-487920-k0/bilko/web", version: DIGESTS.demoWeb, tags: `sha-${COMMITS.demoWeb}` },
        ]),
    );
    return project;
}

export async function status(project: Project, args: string[], now = NOW): Promise<{ status: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await main(args, { cwd: project.dir, env: project.env(), now, out: (text) => (stdout += `${text}\n`), err: (text) => (stderr += `${text}\n`) });
    return { status: code, stdout, stderr };
}
