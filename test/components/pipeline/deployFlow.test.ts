/**
 * The deploy steps run in order, as Cloud Build would (stopping at the first failing step), against stub `pulumi`,
 * `gcloud`, `curl` and `sleep` commands that log their arguments. The facts tool runs for real on Pulumi.demo.yaml.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deploySteps } from "../../../components/pipeline/steps/deploySteps";
import { HANDOFF_DIR } from "../../../components/pipeline/steps/workspace";
import { PROJECT_DIR } from "../../support/stacks";

const RUNNING = { web: `sha256:${"a".repeat(64)}`, api: `sha256:${"b".repeat(64)}` };

/** A stub that logs `<name> <args>` and fails when its whole command line matches $FAIL. */
function stub(bin: string, name: string, output = ""): void {
    const body = [
        "#!/usr/bin/env bash",
        `echo "${name} $*" >> "$STUB_LOG"`,
        `if [[ -n "\${FAIL:-}" && "${name} $*" == $FAIL ]]; then exit 1; fi`,
        output,
    ].join("\n");
    fs.writeFileSync(path.join(bin, name), `${body}\n`, { mode: 0o755 });
}

interface Run {
    /** Every stubbed command, in order. */
    commands: string[];
    /** Exit status per step id, up to the first non-zero one. */
    exits: Record<string, number>;
}

/** Runs demo's deploy steps with `fail` (a bash pattern over `<command> <args>`) making the matching command fail. */
function deployDemo(fail?: string): Run {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-flow-"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    const services = JSON.stringify(Object.fromEntries(Object.entries(RUNNING).map(([service, digest]) => [service, { digest }])));
    stub(bin, "pulumi", `if [[ "$1 $2" == "stack output" ]]; then echo '${services}'; fi`);
    stub(bin, "gcloud");
    stub(bin, "curl");
    stub(bin, "sleep");
    const log = path.join(dir, "commands.log");
    fs.writeFileSync(log, "");
    const exits: Record<string, number> = {};
    for (const step of deploySteps({ stack: "demo", stateBackend: "gs://state" })) {
        const script = step.script.split(HANDOFF_DIR).join(path.join(dir, "handoff"));
        const run = spawnSync("bash", ["-c", script], {
            cwd: PROJECT_DIR,
            encoding: "utf8",
            env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, STUB_LOG: log, FAIL: fail ?? "" },
        });
        exits[step.id] = run.status ?? -1;
        if (run.status !== 0) {
            break;
        }
    }
    const commands = fs.readFileSync(log, "utf8").split("\n").filter(Boolean);
    fs.rmSync(dir, { recursive: true, force: true });
    return { commands, exits };
}

const TARGETED_UP = /^pulumi up --stack demo --yes --policy-pack policies --target urn:pulumi:demo::bilko::bilko:gcp:MigrationJob::api-migrations --target /;
const MIGRATE = "gcloud run jobs execute bilko-api-migrate-demo --region europe-north1 --project tribal-sign-487920-k0 --wait";
const FULL_UP = "pulumi up --stack demo --yes --policy-pack policies";
const RESTORE_CONFIG = Object.entries(RUNNING).map(([service, digest]) => `pulumi config set --stack demo --path bilko:services.${service}.digest ${digest}`);

describe("deploy flow, run against stub commands", () => {
    it("moves the migrations job, runs it and waits, moves the services, then smoke-tests each health URL", () => {
        const { commands, exits } = deployDemo();
        assert.deepStrictEqual(Object.values(exits), [0, 0, 0, 0, 0, 0]);
        const deploying = commands.filter((command) => !command.startsWith("pulumi login"));
        assert.strictEqual(deploying[0], "pulumi stack output services --json --stack demo");
        assert.match(deploying[1], TARGETED_UP);
        assert.deepStrictEqual(deploying.slice(2), [
            MIGRATE,
            FULL_UP,
            "pulumi stack output rollout --json --stack demo",
            "curl --fail --silent --show-error --max-time 10 --output /dev/null https://bilko-demo.alai.no/",
            "curl --fail --silent --show-error --max-time 10 --output /dev/null https://bilko-demo-api.alai.no/api/v1/health",
        ]);
    });

    it("after a failed migration leaves the services alone, restores the previous digests and fails", () => {
        const { commands, exits } = deployDemo("gcloud run jobs execute*");
        assert.deepStrictEqual(exits, { "prepare-demo": 0, "migrations-job-demo": 0, "migrate-demo": 0, "up-demo": 0, "smoke-demo": 0, "restore-demo": 1 });
        const after = commands.slice(commands.indexOf(MIGRATE) + 1).filter((command) => !command.startsWith("pulumi login"));
        assert.deepStrictEqual(after, [...RESTORE_CONFIG, FULL_UP]);
    });

    it("after a failed smoke test retries 12 times, restores the previous digests with pulumi up and fails", () => {
        const { commands, exits } = deployDemo("curl *bilko-demo-api.alai.no*");
        assert.strictEqual(exits["restore-demo"], 1);
        assert.strictEqual(commands.filter((command) => command.includes("bilko-demo-api.alai.no")).length, 12);
        assert.strictEqual(commands.filter((command) => command === "sleep 5").length, 12);
        const afterSmoke = commands.slice(commands.lastIndexOf("sleep 5") + 1);
        assert.deepStrictEqual(afterSmoke.filter((command) => !command.startsWith("pulumi login")), [...RESTORE_CONFIG, FULL_UP]);
    });
});
