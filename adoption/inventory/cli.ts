/**
 * `npm run inventory -- [--project <id>] [--zone-id <id>]`: refreshes `estate/<project>.yaml` from the real project
 * and Cloudflare zone, read-only (gcloud list commands, Cloudflare GETs; the token comes from CLOUDFLARE_API_TOKEN).
 * The file keeps its comments and is replaced atomically, only once every source answered.
 * Exit 0 written, 1 a source failed (nothing written), 2 bad usage or input.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { parse } from "yaml";
import { projectDir, ProjectNotFoundError, projectName, projectStacks, readStackFile, stackFilePath, StackFileError } from "../../config";
import { estatePath } from "../estate/read";
import { estateText, writeFileAtomically } from "../estate/write";
import { takeInventory } from "./probes";
import { InventoryError } from "./sources";

export const USAGE = `usage: npm run inventory -- [--project <id>] [--zone-id <id>]

Lists what exists in the Google Cloud project and the Cloudflare zone, read-only, and writes it to
estate/<project>.yaml (source: gcloud), keeping the file's comments. npm run plan compares every
stack with that file. Needs gcloud on PATH, authenticated with read access to the project, and
CLOUDFLARE_API_TOKEN (a token that can read the zone's DNS records). Never prints a secret value:
secrets are listed by name only.

  --project <id>   Google Cloud project (default: gcp:project of the stack files)
  --zone-id <id>   Cloudflare zone id (default: bilko:dns.zoneId of the stack files)
  -h, --help       show this help

exit status: 0 written, 1 gcloud or Cloudflare failed (nothing written), 2 bad usage or input`;

export interface InventoryOutput {
    out(text: string): void;
    err(text: string): void;
}

const CONSOLE: InventoryOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** Where the inventory runs: the project directory (its stack files and estate/), and the clock of `capturedAt`. */
export interface InventoryContext {
    directory?: string;
    now?: () => Date;
}

class UsageError extends Error {}

export async function main(argv: string[], output: InventoryOutput = CONSOLE, context: InventoryContext = {}): Promise<number> {
    try {
        const directory = context.directory ?? projectDir();
        const request = parseRequest(argv, directory);
        if (request === "help") {
            output.out(USAGE);
            return 0;
        }
        const file = estatePath(directory, request.project);
        const previous = previousText(file);
        const inventory = await takeInventory(request);
        const capturedAt = (context.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
        const text = estateText(previous, { project: request.project, capturedAt, source: "gcloud", ...(inventory.cloudflare ? { cloudflare: inventory.cloudflare } : {}), resources: inventory.resources });
        writeFileAtomically(file, text);
        const records = inventory.resources.filter((resource) => resource.kind === "cloudflare.dnsRecord").length;
        output.out(`inventory: wrote ${path.relative(directory, file)}: ${inventory.resources.length} resources (${inventory.resources.length - records} from gcloud, ${records} DNS records)`);
        output.out("next: npm run plan, to see what each stack's first pulumi up does to them");
        return 0;
    } catch (error) {
        if (error instanceof InventoryError) {
            output.err(`inventory: ${error.message}; nothing written`);
            return 1;
        }
        if (error instanceof UsageError || error instanceof StackFileError || error instanceof ProjectNotFoundError) {
            output.err(`inventory: ${error.message}`);
            return 2;
        }
        throw error;
    }
}

interface InventoryRequest {
    app: string;
    project: string;
    regions: string[];
    cloudflare?: { zoneId: string; token: string };
}

function parseRequest(argv: string[], directory: string): InventoryRequest | "help" {
    let parsed;
    try {
        parsed = parseArgs({ args: argv, options: { project: { type: "string" }, "zone-id": { type: "string" }, help: { type: "boolean", short: "h" } } });
    } catch (error) {
        throw new UsageError(`${(error as Error).message}; run \`npm run inventory -- --help\` for usage`);
    }
    if (parsed.values.help) {
        return "help";
    }
    const stacks = stackValues(directory);
    const project = parsed.values.project ?? only("gcp:project", "--project", stacks.map((values) => values["gcp:project"]));
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) {
        throw new UsageError(`--project: expected a Google Cloud project id, got ${JSON.stringify(project)}`);
    }
    const ours = stacks.filter((values) => values["gcp:project"] === project);
    const regions = [...new Set(ours.map((values) => values["gcp:region"]).filter((region): region is string => typeof region === "string"))];
    if (regions.length === 0) {
        throw new UsageError(`no stack file runs in project "${project}", so no region is known to list Cloud Run in`);
    }
    const zoneId = parsed.values["zone-id"] ?? only("bilko:dns.zoneId", "--zone-id", ours.map((values) => (values["bilko:dns"] as { zoneId?: unknown } | undefined)?.zoneId));
    if (!/^[0-9a-f]{32}$/.test(zoneId)) {
        throw new UsageError(`--zone-id: expected a Cloudflare zone id (32 hex digits), got ${JSON.stringify(zoneId)}`);
    }
    const token = process.env.CLOUDFLARE_API_TOKEN;
    if (!token) {
        throw new UsageError("CLOUDFLARE_API_TOKEN is not set: the inventory reads the zone's DNS records with it (a token with DNS read on the zone)");
    }
    return { app: projectName(directory), project, regions, cloudflare: { zoneId, token } };
}

function stackValues(directory: string): Record<string, unknown>[] {
    return projectStacks(directory).map((stack) => readStackFile(stackFilePath(directory, stack)).values);
}

/** The one value the stack files agree on, or a usage error asking for the flag. */
function only(key: string, flag: string, values: unknown[]): string {
    const distinct = [...new Set(values.filter((value): value is string => typeof value === "string"))];
    if (distinct.length !== 1) {
        throw new UsageError(`the stack files name ${distinct.length === 0 ? "no" : `${distinct.length} different`} ${key}; name one with ${flag}`);
    }
    return distinct[0];
}

/** The current estate file, whose comments the new one keeps; one that is not YAML is refused rather than lost. */
function previousText(file: string): string | undefined {
    if (!fs.existsSync(file)) {
        return undefined;
    }
    const text = fs.readFileSync(file, "utf8");
    try {
        parse(text);
    } catch (error) {
        throw new UsageError(`${file}: not valid YAML, so its comments cannot be kept: ${(error as Error).message.split("\n")[0]}; fix or remove it`);
    }
    return text;
}
