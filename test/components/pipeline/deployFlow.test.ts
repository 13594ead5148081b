/**
 * Demo's deploy steps run in order, as Cloud Build runs them (each must exit 0, or the build stops there), against stub
 * `pulumi`, `gcloud`, `sleep`, facts and smoke commands that log their arguments. The facts the stub prints are the
 * real facts of Pulumi.demo.yaml, computed in-process; a failure is injected at each step in turn.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { backupTarget, migrationJobs, restoreDigests, serviceUrns, smokePassed, smokeSecrets } from "../../../components/pipeline/stackFacts";
import { deploySteps } from "../../../components/pipeline/steps/deploySteps";
import { HANDOFF_DIR } from "../../../components/pipeline/steps/workspace";
import { parseStackConfig } from "../../../config";
import { COMMITTED_STACKS, edited, PROJECT_DIR } from "../../support/stacks";
import { digestOf } from "../../support/digests";

const RELEASED = { web: digestOf("a"), api: digestOf("b") };
/** What the stub's `announce` fact says this deployment deploys (the real one: test/components/pipeline/reports.test.ts). */
const ANNOUNCED = "demo: web 3009e099949b promoted from stage by a@b.c at 2026-11-22T08:00:00Z";
const OUTPUTS = JSON.stringify({ releasedDigests: { web: [RELEASED.web], api: [RELEASED.api] }, releasedMigrators: { api: { [RELEASED.api]: digestOf("c") } } });

interface Scenario {
    /** A bash pattern over `<command> <args>`: the matching command fails. */
    fail?: string;
    /** Output of `gcloud storage cp` while the lock is held by another build, this many times. */
    lockBusy?: number;
    /** `gcloud sql backups list` prints this. */
    backup?: string;
    /** Demo's file as edited for this scenario. */
    edit?: (values: Record<string, any>) => void;
}

export interface Run {
    commands: string[];
    exits: Record<string, number>;
    stderr: string;
    stdout: string;
    /** What each step wrote to `$BUILDER_OUTPUT/output`, in step order ("" for none): Cloud Build's buildStepOutputs. */
    outputs: string[];
}

function stub(bin: string, name: string, body: string): void {
    const text = ["#!/usr/bin/env bash", `echo "${name} $*" >> "$STUB_LOG"`, `if [[ -n "\${FAIL:-}" && "${name} $*" == $FAIL ]]; then echo "${name} failed" >&2; exit 1; fi`, body].join("\n");
    fs.writeFileSync(path.join(bin, name), `${text}\n`, { mode: 0o755 });
}

export function deployDemo(scenario: Scenario = {}): Run {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-flow-"));
    const bin = path.join(dir, "bin");
    const factsDir = path.join(dir, "facts");
    fs.mkdirSync(bin);
    fs.mkdirSync(factsDir);
    const config = parseStackConfig(edited("demo", scenario.edit ?? (() => undefined)), { stack: "demo", knownStacks: COMMITTED_STACKS });
    const facts: Record<string, string[]> = {
        "restore-digests": restoreDigests(config, JSON.parse(OUTPUTS)),
        "service-urns": serviceUrns("bilko", config),
        "migration-jobs": migrationJobs("bilko", config),
        backup: backupTarget(config),
        "smoke-secrets": smokeSecrets(config),
        "smoke-passed": smokePassed(config),
        "program-guard": [],
        "deploy-window": [],
        announce: [ANNOUNCED],
    };
    Object.entries(facts).forEach(([fact, lines]) => fs.writeFileSync(path.join(factsDir, fact), lines.map((line) => `${line}\n`).join("")));
    stub(bin, "facts", `cat "${factsDir}/$2"`);
    stub(bin, "smoke", "echo 'smoke: all passed'");
    stub(bin, "sleep", "");
    stub(bin, "pulumi", `if [[ "$1 $2" == "stack output" ]]; then echo '${OUTPUTS}'; fi`);
    const busy = path.join(dir, "busy");
    fs.writeFileSync(busy, String(scenario.lockBusy ?? 0));
    stub(
        bin,
        "gcloud",
        [
            `case "$1 $2" in`,
            `"storage cp") left=$(cat "${busy}"); if (( left > 0 )); then echo $(( left - 1 )) > "${busy}"; echo "HTTPError 412: At least one of the pre-conditions you specified did not hold." >&2; exit 1; fi ;;`,
            `"storage cat") echo "other-build $(date +%s)" ;;`,
            `"sql backups") if [[ $3 == list ]]; then echo "${scenario.backup ?? "1712345678901 SUCCESSFUL"}"; fi ;;`,
            `"run jobs") if [[ $3 == executions ]]; then echo "bilko-api-migrate-demo-abcde"; fi ;;`,
            `"logging read") echo "Flyway log line" ;;`,
            `esac`,
        ].join("\n"),
    );
    const log = path.join(dir, "commands.log");
    fs.writeFileSync(log, "");
    const exits: Record<string, number> = {};
    const outputs: string[] = [];
    let stderr = "";
    let stdout = "";
    for (const step of deploySteps({ stack: "demo", stateBackend: "gs://state", stateBucket: "state", secretsProvider: "gcpkms://key", upstream: "stage" })) {
        const script = step.script
            .split(HANDOFF_DIR)
            .join(path.join(dir, "handoff"))
            .split("node --require sucrase/register/ts tools/pipelineFacts.ts")
            .join("facts")
            .split("node --require sucrase/register/ts tools/smoke.ts")
            .join("smoke");
        const builderOutput = path.join(dir, "builder-outputs", step.id);
        fs.mkdirSync(builderOutput, { recursive: true });
        const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, STUB_LOG: log, FAIL: scenario.fail ?? "", BUILD_ID: "build-1", PROJECT_ID: "p", LOCATION: "europe-north1", BUILDER_OUTPUT: builderOutput };
        const run = spawnSync("bash", ["-c", script], { cwd: PROJECT_DIR, encoding: "utf8", env });
        exits[step.id] = run.status ?? -1;
        stderr += run.stderr;
        stdout += run.stdout;
        const output = path.join(builderOutput, "output");
        outputs.push(fs.existsSync(output) ? fs.readFileSync(output, "utf8") : "");
        if (run.status !== 0) {
            break;
        }
    }
    const commands = fs.readFileSync(log, "utf8").split("\n").filter((line) => line !== "" && !line.startsWith("pulumi login"));
    fs.rmSync(dir, { recursive: true, force: true });
    return { commands, exits, stderr, stdout, outputs };
}

const STEPS = ["lock", "prepare", "backup", "schema", "migrate", "up", "secrets", "smoke", "release", "restore", "report", "unlock"].map((step) => `${step}-demo`);
const ALL_ZERO_BUT_UNLOCK = (unlock: number) => Object.fromEntries(STEPS.map((id) => [id, id === "unlock-demo" ? unlock : 0]));
const FULL_UP = "pulumi up --stack demo --yes --policy-pack policies";
const RESTORE = [`pulumi config set --stack demo --path bilko:services.web.digest ${RELEASED.web}`, `pulumi config set --stack demo --path bilko:services.api.digest ${RELEASED.api}`];
const RELEASE_LOCK = "gcloud storage rm gs://state/.bilko/locks/demo";

describe("deploy flow, run as Cloud Build would against stub commands", () => {
    it("locks, backs up, migrates, moves traffic, smoke-tests, releases and unlocks, every step exiting 0", () => {
        const { commands, exits, outputs, stdout } = deployDemo();
        assert.deepStrictEqual(exits, ALL_ZERO_BUT_UNLOCK(0));
        assert.doesNotMatch(stdout, /BILKO_(DEPLOY|SMOKE)_FAILED/);
        // For the notification: what it deployed on whose word, one line, in the report step's output only.
        assert.deepStrictEqual(outputs, STEPS.map((id) => (id === "report-demo" ? `deployed. ${ANNOUNCED}` : "")));
        const order = [
            /^gcloud storage cp --if-generation-match=0 .* gs:\/\/state\/\.bilko\/locks\/demo$/,
            /^pulumi stack output --json --stack demo$/,
            /^pulumi stack output --json --stack stage$/,
            /^facts demo program-guard$/,
            /^gcloud sql backups create --instance bilko-demo-db --project tribal-sign-487920-k0 --description bilko demo before migrations, build build-1$/,
            /^pulumi up --stack demo --yes --policy-pack policies --exclude urn:pulumi:demo::bilko::bilko:gcp:CloudRunService\$gcp:cloudrunv2\/service:Service::web-service --exclude urn:.*::api-service --exclude-dependents$/,
            /^gcloud run jobs execute bilko-api-migrate-demo .* --args=-ignoreMigrationPatterns=\*:pending,validate --wait$/,
            /^gcloud run jobs execute bilko-api-migrate-demo .* --args=migrate --wait$/,
            /^gcloud run jobs execute bilko-api-migrate-demo .* --args=info --wait$/,
            new RegExp(`^${FULL_UP}$`),
            /^gcloud secrets versions access latest --secret bilko-demo-smoke-login --project tribal-sign-487920-k0$/,
            /^smoke demo --outputs .* --attempts 12 --delay 5$/,
            /^pulumi config set --stack demo --path bilko:smokePassed\.api sha256:/,
            new RegExp(`^${FULL_UP}$`),
            new RegExp(`^${RELEASE_LOCK}$`),
        ];
        let from = 0;
        for (const pattern of order) {
            const index = commands.findIndex((command, at) => at >= from && pattern.test(command));
            assert.notStrictEqual(index, -1, `${pattern} after ${commands[from - 1] ?? "the start"}:\n${commands.join("\n")}`);
            from = index + 1;
        }
        assert.ok(!commands.some((command) => command.startsWith("pulumi config set --stack demo --path bilko:services")), "no restore");
    });

    it("outside the deploy windows: refused in prepare, before anything changes; nothing restored, no smoke marker", () => {
        const { commands, exits, outputs, stdout, stderr } = deployDemo({ fail: "facts demo deploy-window" });
        assert.deepStrictEqual(exits, ALL_ZERO_BUT_UNLOCK(1));
        assert.match(stderr, /demo was not deployed: prepare-demo: facts failed/);
        assert.ok(!commands.some((command) => /^pulumi (up|config set)|sql backups create|run jobs execute/.test(command)), commands.join("\n"));
        assert.match(outputs[STEPS.indexOf("report-demo")], /^not deployed: prepare-demo: facts failed; nothing in demo had changed: nothing to restore\. demo: web /);
        assert.doesNotMatch(stdout, /BILKO_SMOKE_FAILED/);
        assert.match(stdout, /^BILKO_DEPLOY_FAILED stack=demo$/m);
    });

    const failures: Array<[string, Scenario, { restored: boolean; reason: RegExp }]> = [
        ["the lock cannot be written", { fail: "gcloud storage cp*" }, { restored: false, reason: /lock-demo: cannot write the deploy lock/ }],
        ["the program guard refuses", { fail: "facts demo program-guard" }, { restored: false, reason: /prepare-demo: facts failed/ }],
        ["the backup does not succeed", { backup: "1712345678901 FAILED" }, { restored: false, reason: /the backup of bilko-demo-db did not succeed .*: not migrating/ }],
        ["the schema update fails", { fail: "pulumi up *--exclude*" }, { restored: true, reason: /schema-demo failed/ }],
        ["flyway validate fails", { fail: "gcloud run jobs execute *validate*" }, { restored: true, reason: /flyway validate failed in bilko-api-migrate-demo/ }],
        ["pulumi up fails after the schema moved", { fail: `${FULL_UP}` }, { restored: true, reason: /up-demo failed/ }],
        ["the smoke test fails", { fail: "smoke demo*" }, { restored: true, reason: /the smoke test of demo failed/ }],
        ["the release fails", { fail: "pulumi config set --stack demo --path bilko:smokePassed*" }, { restored: true, reason: /release-demo failed/ }],
    ];
    for (const [what, scenario, expected] of failures) {
        it(`when ${what}: later steps stand aside, ${expected.restored ? "the last released digests are restored" : "nothing is restored"}, the lock is released, the build fails`, () => {
            const { commands, exits, stderr, stdout, outputs } = deployDemo(scenario);
            assert.deepStrictEqual(exits, ALL_ZERO_BUT_UNLOCK(1));
            assert.match(stderr, expected.reason);
            const report = outputs[STEPS.indexOf("report-demo")];
            assert.match(report, expected.restored ? /^not deployed: .*; (demo runs its last released digests again|restoring demo failed at line \d+: a person takes over \(docs\/pipeline\.md\))\. demo: web / : /^not deployed: .*; nothing in demo had changed: nothing to restore\. demo: web |^not deployed: lock-demo: /);
            // The alert policy counts failed deployments and failed smoke tests by these marker lines.
            assert.match(stdout, /^BILKO_DEPLOY_FAILED stack=demo$/m);
            assert.strictEqual(/^BILKO_SMOKE_FAILED stack=demo$/m.test(stdout), what === "the smoke test fails");
            const restoring = commands.filter((command) => RESTORE.includes(command));
            assert.deepStrictEqual(restoring, expected.restored ? RESTORE : [], commands.join("\n"));
            if (expected.restored) {
                assert.ok(commands.includes("pulumi config rm --stack demo bilko:smokePassed"), "the restore drops what the release step may have written");
            }
            assert.strictEqual(commands.includes(RELEASE_LOCK), !what.startsWith("the lock"), "releases only a lock it holds");
            assert.ok(!commands.some((command) => command.startsWith("pulumi config set --stack demo --path bilko:smokePassed") && !what.startsWith("the release")), "no release");
        });
    }

    it("a failed migrate still shows flyway info before restoring", () => {
        const { commands, exits } = deployDemo({ fail: "gcloud run jobs execute *--args=migrate*" });
        assert.strictEqual(exits["unlock-demo"], 1);
        const executions = commands.filter((command) => command.startsWith("gcloud run jobs execute")).map((command) => /--args=(\S+)/.exec(command)![1]);
        assert.deepStrictEqual(executions, ["-ignoreMigrationPatterns=*:pending,validate", "migrate", "info"]);
        assert.deepStrictEqual(commands.filter((command) => RESTORE.includes(command)), RESTORE);
    });

    it("when the restore fails too, the lock is still released and the build fails saying a person takes over", () => {
        const { commands, exits, stderr } = deployDemo({ fail: "pulumi*" });
        assert.deepStrictEqual(exits, ALL_ZERO_BUT_UNLOCK(1));
        assert.ok(commands.includes(RELEASE_LOCK));
        assert.match(stderr, /demo was not deployed: prepare-demo failed/);
    });

    it("waits for another build's lock, with a message, then deploys", () => {
        const { commands, exits } = deployDemo({ lockBusy: 2 });
        assert.strictEqual(exits["unlock-demo"], 0);
        assert.strictEqual(commands.filter((command) => command === "sleep 20").length, 2);
        assert.strictEqual(commands.filter((command) => command.startsWith("gcloud storage cp")).length, 3);
    });

    it("a rollback entry for the digest being deployed skips backup and migrations", () => {
        const rollback = (values: Record<string, any>) =>
            values["bilko:releases"].push({ service: "api", digest: values["bilko:services"].api.digest, from: "demo", at: "2026-11-22T08:00:00Z", by: "a@b.c", kind: "rollback" });
        const { commands, exits } = deployDemo({ edit: rollback });
        assert.deepStrictEqual(exits, ALL_ZERO_BUT_UNLOCK(0));
        assert.deepStrictEqual(commands.filter((command) => /sql backups|run jobs execute|--exclude/.test(command)), []);
    });
});
