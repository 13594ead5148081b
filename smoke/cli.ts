/**
 * `npm run smoke -- <stack> [--base-url <url>] [...]`: the smoke test the pipeline runs after each deployment, runnable
 * by anyone: each service's health URL, its configured checks (`bilko:smoke`) and the CORS preflights derived from
 * its CORS_ORIGINS. See docs/pipeline.md.
 */
import * as fs from "fs";
import { parseArgs } from "util";
import { smokePlan } from "./checks";
import { runSmoke, type CheckResult } from "./run";
import { readSecrets, SecretUnavailable } from "./secrets";
import { parseStackConfig, projectDir, ProjectNotFoundError, projectStacks, readStackFile, StackConfigError, stackFilePath, StackFileError, type StackConfig } from "../config";

const USAGE = `usage: npm run smoke -- <stack> [--base-url <url>] [--service <name>,...] [--json]
                             [--outputs <file>] [--secrets-dir <dir>] [--attempts <n>] [--delay <seconds>] [--timeout <seconds>]

Runs the smoke checks of Pulumi.<stack>.yaml against the stack's hostnames: each service's health URL, the checks
of bilko:smoke (status, body, headers, a JSON login whose token later checks send), and a CORS preflight from every
origin in the service's CORS_ORIGINS (which must be echoed) and from one that is not (which must not be).

  --base-url <url>      check every service at this URL instead of https://<hostname> (a local server)
  --service a,b         only these services (default: all)
  --outputs <file>      pulumi stack output --json of the stack: a canary candidate is checked too (its own URL,
                        or behind the load balancer the hostname with x-bilko-revision: candidate)
  --secrets-dir <dir>   read each login secret from <dir>/<secret id> (default: gcloud secrets versions access)
  --attempts <n>        tries per check before it fails (default 1)
  --delay <seconds>     between tries (default 5)
  --timeout <seconds>   per request (default 10)
  --json                print {"stack","passed","results":[...]} instead of lines
  -h, --help            show this help

exit status: 0 every check passed; 1 a check failed; 2 bad usage or unreadable input (stack file, secret, outputs)`;

class BadUsage extends Error {}

function positiveNumber(option: string, value: string | undefined, fallback: number, minimum: number): number {
    if (value === undefined) {
        return fallback;
    }
    const number = Number(value);
    if (!Number.isFinite(number) || number < minimum) {
        throw new BadUsage(`${option}: expected a number of at least ${minimum}, got ${JSON.stringify(value)}`);
    }
    return number;
}

function stackConfig(stack: string): StackConfig {
    const directory = projectDir();
    const stacks = projectStacks(directory);
    if (!stacks.includes(stack)) {
        throw new BadUsage(`unknown stack "${stack}" (stacks: ${stacks.join(", ")})`);
    }
    return parseStackConfig(readStackFile(stackFilePath(directory, stack)).values, { stack, knownStacks: stacks });
}

function readOutputs(file: string | undefined): unknown {
    if (file === undefined) {
        return undefined;
    }
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new BadUsage(`--outputs ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not JSON"}`);
    }
}

function line(result: CheckResult): string {
    const via = Object.entries(result.via ?? {}).map(([name, value]) => ` [${name}: ${value}]`).join("");
    const what = `${result.service} ${result.method} ${result.base}${result.path}${via} (${result.name})`;
    if (result.passed) {
        return `PASS ${what} ${result.status}`;
    }
    const tries = result.attempts > 1 ? ` (after ${result.attempts} attempts)` : "";
    return `FAIL ${what}: ${result.problems.join("; ")}${tries}`;
}

export interface Io {
    out: (text: string) => void;
    err: (text: string) => void;
}

const CONSOLE: Io = { out: (text) => console.log(text), err: (text) => console.error(text) };

export async function main(argv: string[], io: Io = CONSOLE): Promise<number> {
    try {
        const { values, positionals } = parseArgs({
            args: argv,
            allowPositionals: true,
            strict: true,
            options: {
                "base-url": { type: "string" },
                service: { type: "string" },
                outputs: { type: "string" },
                "secrets-dir": { type: "string" },
                attempts: { type: "string" },
                delay: { type: "string" },
                timeout: { type: "string" },
                json: { type: "boolean", default: false },
                help: { type: "boolean", short: "h", default: false },
            },
        });
        if (values.help) {
            io.out(USAGE);
            return 0;
        }
        if (positionals.length !== 1) {
            throw new BadUsage(`expected exactly one stack, got ${positionals.length === 0 ? "none" : positionals.join(" ")}`);
        }
        const baseUrl = values["base-url"];
        if (baseUrl !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(baseUrl)) {
            throw new BadUsage(`--base-url: expected an http(s) URL, got ${JSON.stringify(baseUrl)}`);
        }
        const stack = positionals[0];
        const config = stackConfig(stack);
        const known = Object.keys(config.services);
        const services = values.service?.split(",").map((name) => name.trim());
        const unknown = services?.find((name) => !known.includes(name));
        if (unknown !== undefined) {
            throw new BadUsage(`--service: unknown service ${JSON.stringify(unknown)} in ${config.file} (services: ${known.join(", ")})`);
        }
        const plan = smokePlan(config, { baseUrl, outputs: readOutputs(values.outputs), services });
        const secrets = await readSecrets(plan.logins.map((login) => login.secret), { dir: values["secrets-dir"], project: config.project });
        const results = await runSmoke(plan, {
            attempts: positiveNumber("--attempts", values.attempts, 1, 1),
            delayMs: positiveNumber("--delay", values.delay, 5, 0) * 1000,
            timeoutMs: positiveNumber("--timeout", values.timeout, 10, 0.1) * 1000,
            secret: (id) => secrets.get(id)!,
        });
        const passed = results.every((result) => result.passed);
        if (values.json) {
            io.out(JSON.stringify({ stack, passed, results }, null, 2));
        } else {
            results.forEach((result) => io.out(line(result)));
            const failed = results.filter((result) => !result.passed).length;
            io.out(`smoke ${stack}: ${results.length - failed} passed, ${failed} failed`);
        }
        return passed ? 0 : 1;
    } catch (error) {
        if (error instanceof BadUsage || error instanceof SecretUnavailable || error instanceof StackConfigError || error instanceof StackFileError || error instanceof ProjectNotFoundError) {
            io.err(`smoke: ${error.message}`);
            return 2;
        }
        if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
            io.err(`smoke: ${(error as Error).message}`);
            return 2;
        }
        throw error;
    }
}
