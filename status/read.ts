/**
 * What the board reads, each through the tools' hardened runner (time limit, output cap, Ctrl-C): every stack's
 * `pulumi stack output --json` and `pulumi stack history --json`, and per service the registry's tags
 * (`gcloud artifacts docker images list <image> --include-tags --format=json`), for the `sha-<commit>` of each digest.
 * The tags are a nicety: when gcloud cannot answer, the board says so and shows no commits.
 */
import { registryUrl } from "../components/registry/images";
import { projectName, type StackConfig } from "../config";
import { cliStackName } from "../promotion/stackNames";
import { runTool, stackOutputs, type ToolContext } from "../promotion/cli/pulumiCli";
import { BadInput } from "../promotion/cli/errors";
import type { StackInput } from "./board";

export async function readStack(tools: ToolContext, dir: string, config: StackConfig): Promise<StackInput> {
    const name = cliStackName(config.organization, projectName(dir), config.stack);
    const outputs = await stackOutputs(tools, name);
    const args = ["stack", "history", "--json", "--stack", name];
    const text = await runTool(tools, "pulumi", args);
    let history: unknown;
    try {
        history = JSON.parse(text);
    } catch {
        throw new BadInput(`pulumi ${args.join(" ")}: output is not JSON`);
    }
    if (!Array.isArray(history)) {
        throw new BadInput(`pulumi ${args.join(" ")}: expected a JSON array of updates`);
    }
    return { config, outputs, history };
}

const SHA_TAG = /^sha-([0-9a-f]{7,40})$/;

/** Digest -> commit of one image, from its `sha-<commit>` tags (a list, or one comma-separated string in older gcloud). */
export function commitsOfImages(listing: unknown): Record<string, string> {
    const commits: Record<string, string> = {};
    for (const image of Array.isArray(listing) ? listing : []) {
        const version = (image as { version?: unknown })?.version;
        const tags = (image as { tags?: unknown })?.tags;
        const list = Array.isArray(tags) ? tags : typeof tags === "string" ? tags.split(",") : [];
        const commit = list.map((tag) => SHA_TAG.exec(String(tag).trim())?.[1]).find((found) => found !== undefined);
        if (typeof version === "string" && commit) {
            commits[version] = commit;
        }
    }
    return commits;
}

/** Per service, the commits of its digests; a failing gcloud becomes a note, not a failure. */
export async function readCommits(tools: ToolContext, config: StackConfig, services: string[], notes: string[]): Promise<Record<string, Record<string, string>>> {
    const registry = registryUrl(config.registry.location, config.project, config.registry.repository);
    const commits: Record<string, Record<string, string>> = {};
    for (const service of services) {
        try {
            const text = await runTool(tools, "gcloud", ["artifacts", "docker", "images", "list", `${registry}/${service}`, "--include-tags", "--format=json"]);
            commits[service] = commitsOfImages(JSON.parse(text));
        } catch (error) {
            if (!(error instanceof BadInput) && !(error instanceof SyntaxError)) {
                throw error;
            }
            notes.push(`commits of ${service} unknown: ${error.message}`);
        }
    }
    return commits;
}
