import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HANDOFF_DIR, recordedStep } from "../../../components/pipeline/steps";
import { floatingTagWrites } from "../../../components/pipeline/floatingTags";
import { unescapeFromCloudBuild } from "../../../components/pipeline/steps/shell";
import { serviceDigestKey } from "../../../config";
import { committedValues } from "../../support/stacks";
import { allTriggers, stepIds, stepOf } from "./support";

const REGISTRY = "europe-north1-docker.pkg.dev/tribal-sign-487920-k0/bilko";

/** The script a step runs, as bash or sh receives it. */
function scriptOf(step: Record<string, any>): string {
    assert.deepStrictEqual([step.entrypoint, step.args.length, step.args[0]], [step.entrypoint === "sh" ? "sh" : "bash", 2, "-c"]);
    return unescapeFromCloudBuild(step.args[1]);
}

/** Index of `id` in the build, failing if absent. */
function position(trigger: Record<string, any>, id: string): number {
    const index = stepIds(trigger).indexOf(id);
    assert.notStrictEqual(index, -1, `no step ${id}`);
    return index;
}

describe("build trigger: each service built once, scanned before it is pushed, verified", () => {
    it("builds every service with a build entry, and the migrator of every one with migrations, exactly once", async () => {
        const { build } = await allTriggers();
        const services = Object.keys(committedValues("stage")["bilko:services"]);
        const dockerBuilds = build.build.steps.filter((step: Record<string, any>) => /^docker build /m.test(scriptOf(step)));
        assert.deepStrictEqual(dockerBuilds.map((step: { id: string }) => step.id), [...services.map((service) => `build-${service}`), "build-api-migrator"]);
    });

    it("labels the image with the commit and builds it into the build's own daemon only", async () => {
        const { build } = await allTriggers();
        const script = scriptOf(stepOf(build, "build-api"));
        assert.match(script, /^image=europe-north1-docker\.pkg\.dev\/tribal-sign-487920-k0\/bilko\/api$/m);
        assert.match(script, /--label "org\.opencontainers\.image\.revision=\$COMMIT_SHA"/);
        assert.match(script, /--tag "\$image:sha-\$COMMIT_SHA"/);
        assert.match(script, /--file apps\/api\/Dockerfile \\\n\s+apps\/api$/m);
        assert.deepStrictEqual(script.match(/^\s*docker push .*$/gm), null, "nothing is pushed before the scan");
        assert.deepStrictEqual(stepOf(build, "build-api").envs, ["COMMIT_SHA=$COMMIT_SHA"]);
    });

    it("scans the local image, and pushes only sha-$COMMIT_SHA, only once the scan passed", async () => {
        const { build } = await allTriggers();
        const scan = stepOf(build, "scan-web");
        assert.strictEqual(scan.entrypoint, "sh");
        assert.match(scriptOf(scan), /^trivy image --exit-code 1 --severity HIGH,CRITICAL --no-progress "\$image:sha-\$COMMIT_SHA"$/m);
        const push = stepOf(build, "push-web");
        assert.deepStrictEqual(push.waitFors, ["scan-web"]);
        assert.deepStrictEqual(scriptOf(push).match(/^\s*docker push .*$/gm), ['docker push "$image:sha-$COMMIT_SHA"']);
        for (const trigger of Object.values(await allTriggers())) {
            const pushing = trigger.build.steps.filter((step: Record<string, any>) => /^\s*docker push /m.test(scriptOf(step))).map((step: { id: string }) => step.id);
            assert.ok(pushing.every((id: string) => /^push-/.test(id) && position(trigger, id) > position(trigger, id.replace(/^push-/, "scan-"))), `${trigger.name}: ${pushing.join(", ")}`);
        }
    });

    it("never pushes or tags a floating tag in any step of any trigger; the build lists its sha-$COMMIT_SHA tags as images", async () => {
        for (const trigger of Object.values(await allTriggers())) {
            for (const step of trigger.build.steps) {
                assert.deepStrictEqual(floatingTagWrites(step.args[1]), [], `${trigger.name} ${step.id}`);
            }
        }
        const { build, preview } = await allTriggers();
        assert.deepStrictEqual(build.build.images, ["web", "api", "api-migrator"].map((image) => `${REGISTRY}/${image}:sha-$COMMIT_SHA`));
        assert.strictEqual(preview.build.images, undefined);
    });

    it("every trigger asks for verified provenance", async () => {
        for (const trigger of Object.values(await allTriggers())) {
            assert.deepStrictEqual(trigger.build.options, { logging: "CLOUD_LOGGING_ONLY", requestedVerifyOption: "VERIFIED" }, trigger.name);
        }
    });

    it("resolves the digest from the registry after the push, and verifies the revision label and that it is the scanned image", async () => {
        const { build } = await allTriggers();
        const digest = scriptOf(stepOf(build, "digest-web"));
        assert.match(digest, /gcloud artifacts docker images describe "\$image:sha-\$COMMIT_SHA" --format='value\(image_summary\.digest\)'/);
        assert.match(digest, /> \/workspace\/\.bilko\/digest-web$/m);
        const verify = scriptOf(stepOf(build, "verify-web"));
        assert.match(verify, /docker pull --quiet "\$image@\$digest"/);
        assert.match(verify, /index \.Config\.Labels "org\.opencontainers\.image\.revision"/);
        assert.match(verify, /if \[\[ \$revision != "\$COMMIT_SHA" \]\]; then/);
        assert.match(verify, /^scanned=\$\(docker inspect --format '\{\{ \.Id \}\}' "\$image:sha-\$COMMIT_SHA"\)$/m);
        assert.match(verify, /^if \[\[ \$pushed != "\$scanned" \]\]; then$/m);
        assert.deepStrictEqual(stepOf(build, "verify-web").waitFors, ["digest-web"]);
        assert.deepStrictEqual(stepOf(build, "digest-web").waitFors, ["push-web"]);
    });

    it("starts the builds at once and scans one image at a time", async () => {
        const { build } = await allTriggers();
        assert.deepStrictEqual(stepOf(build, "build-web").waitFors, ["-"]);
        assert.deepStrictEqual(stepOf(build, "build-api").waitFors, ["-"]);
        assert.deepStrictEqual(stepOf(build, "scan-web").waitFors, ["build-web"]);
        assert.deepStrictEqual(stepOf(build, "scan-api").waitFors, ["build-api", "scan-web"]);
    });

    it("sets each pushed digest (and the migrator's) into stage only after every scan passed and every image was verified, under the deploy lock", async () => {
        const { build } = await allTriggers();
        const set = stepOf(build, "set-digests-stage");
        assert.ok(position(build, "set-digests-stage") > position(build, "scan-api-migrator"));
        assert.ok(position(build, "set-digests-stage") > position(build, "verify-api-migrator"));
        assert.ok(position(build, "set-digests-stage") > position(build, "lock-stage"));
        assert.strictEqual(set.waitFors, undefined, "waits for every earlier step");
        const lines = scriptOf(set).split("\n").filter((line) => line.startsWith("pulumi config set"));
        assert.deepStrictEqual(lines, [
            ...["web", "api"].map((service) => `pulumi config set --stack stage --path ${serviceDigestKey(service)} "$(cat /workspace/.bilko/digest-${service})"`),
            `pulumi config set --stack stage --path bilko:services.api.migrations.digest "$(cat /workspace/.bilko/digest-api-migrator)"`,
        ]);
    });

    it("does not build a service that has no build entry", async () => {
        const { imagesToBuild } = await import("../../../components/pipeline/steps/imageSteps");
        const services = committedValues("stage")["bilko:services"];
        delete services.web.build;
        const migrator = { flyway: `docker.io/flyway/flyway@sha256:${"a".repeat(64)}`, socketFactory: { version: "1.25.0", sha256: "b".repeat(64) } };
        assert.deepStrictEqual(imagesToBuild(REGISTRY, services, migrator).map((image) => image.service), ["api", "api-migrator"]);
    });
});

describe("build trigger: the migrator image, once per commit with the app images", () => {
    it("puts Flyway (through the Docker Hub cache), the checked socket factory and the commit's migrations together", async () => {
        const { build } = await allTriggers();
        const context = scriptOf(stepOf(build, "context-api-migrator"));
        assert.match(context, /curl --fail .* --output "\$context\/postgres-socket-factory\.jar" https:\/\/repo1\.maven\.org\/maven2\/com\/google\/cloud\/sql\/postgres-socket-factory\/1\.25\.0\/postgres-socket-factory-1\.25\.0-jar-with-dependencies\.jar$/m);
        assert.match(context, /^echo "538f02a5c961edb50a3482d035c3ea015fec55d2e1d097f3555d162f36a0bcf8 {2}\$context\/postgres-socket-factory\.jar" \| sha256sum --check --strict$/m);
        assert.match(context, /^cp -R apps\/api\/src\/main\/resources\/db\/migration "\$context\/migrations"$/m);
        assert.match(context, /^FROM europe-north1-docker\.pkg\.dev\/tribal-sign-487920-k0\/docker-hub\/flyway\/flyway@sha256:b372c8f4/m);
        assert.match(context, /^COPY migrations \/flyway\/sql$/m);
    });

    it("builds, scans, pushes sha-$COMMIT_SHA and verifies it like any image, into <registry>/api-migrator", async () => {
        const { build } = await allTriggers();
        const image = scriptOf(stepOf(build, "build-api-migrator"));
        assert.match(image, /^image=europe-north1-docker\.pkg\.dev\/tribal-sign-487920-k0\/bilko\/api-migrator$/m);
        assert.match(image, /--file \/workspace\/\.bilko\/migrator-api\/Dockerfile \\\n\s+\/workspace\/\.bilko\/migrator-api$/m);
        assert.deepStrictEqual(stepOf(build, "build-api-migrator").waitFors, ["context-api-migrator"]);
        for (const step of ["scan", "push", "digest", "verify"]) {
            stepOf(build, `${step}-api-migrator`);
        }
    });
});

describe("deploying a stack: lock, guards, backup, migrations before traffic, smoke test, release, restore", () => {
    const ORDER = ["lock", "prepare", "backup", "schema", "migrate", "up", "secrets", "smoke", "release", "restore", "unlock"];

    it("runs the same ordered steps for stage (after set-digests), demo and prod (after the approval)", async () => {
        const triggers = await allTriggers();
        for (const [key, stack] of [["build", "stage"], ["deploy-demo", "demo"], ["deploy-prod", "prod"]]) {
            const ids = ORDER.map((step) => `${step}-${stack}`);
            const positions = ids.map((id) => position(triggers[key], id));
            assert.deepStrictEqual(positions, [...positions].sort((a, b) => a - b), `${key}: ${stepIds(triggers[key]).join(", ")}`);
            // Deploy steps wait for every earlier step (Cloud Build's default): strictly sequential.
            for (const id of ids) {
                assert.strictEqual(stepOf(triggers[key], id).waitFors, undefined, `${key} ${id}`);
            }
        }
        assert.ok(position(triggers.build, "set-digests-stage") < position(triggers.build, "prepare-stage"));
        assert.ok(position(triggers["deploy-prod"], "approval-prod") < position(triggers["deploy-prod"], "prepare-prod"));
        assert.throws(() => stepOf(triggers["deploy-demo"], "approval-demo"), /has no step approval-demo/);
    });

    it("runs no git command in any deploy trigger: a GitHub App build may have no .git", async () => {
        const triggers = await allTriggers();
        for (const key of ["build", "deploy-demo", "deploy-prod"]) {
            for (const step of triggers[key].build.steps) {
                assert.doesNotMatch(scriptOf(step), /(^|[\s;|&(])git(\s|$)/m, `${key} ${step.id}`);
            }
        }
    });

    it("moves everything but the Cloud Run services first, runs Flyway validate, migrate and info, then moves the services", async () => {
        const demo = (await allTriggers())["deploy-demo"];
        const schema = scriptOf(stepOf(demo, "schema-demo"));
        assert.match(schema, /mapfile -t services < \/workspace\/\.bilko\/demo\/service-urns/);
        assert.match(schema, /^pulumi up --stack demo --yes --policy-pack policies "\$\{exclude_flags\[@\]\}" --exclude-dependents$/m);
        const migrate = scriptOf(stepOf(demo, "migrate-demo"));
        const executions = migrate.match(/gcloud run jobs execute "\$job" --region "\$region" --project "\$project" --args='[^']*' --wait/g);
        assert.deepStrictEqual(executions?.map((line) => /--args='([^']*)'/.exec(line)![1]), ["-ignoreMigrationPatterns=*:pending,validate", "migrate", "info"]);
        assert.match(migrate, /gcloud logging read "resource\.type=\\"cloud_run_job\\" AND labels\.\\"run\.googleapis\.com\/execution_name\\"=\\"\$execution\\""/);
        assert.match(scriptOf(stepOf(demo, "up-demo")), /^pulumi up --stack demo --yes --policy-pack policies$/m);
    });

    it("backs the database up before Flyway runs, and a failed backup stops the deploy", async () => {
        const prod = (await allTriggers())["deploy-prod"];
        assert.ok(position(prod, "backup-prod") < position(prod, "migrate-prod"));
        const backup = scriptOf(stepOf(prod, "backup-prod"));
        assert.match(backup, /^gcloud sql backups create --instance "\$instance" --project "\$project" --description "\$description"$/m);
        assert.match(backup, /if \[\[ \$\{backup_status:-\} != SUCCESSFUL \]\]; then\n\s+fail "the backup of/);
        assert.deepStrictEqual(stepOf(prod, "backup-prod").envs, ["BUILD_ID=$BUILD_ID", "PROJECT_ID=$PROJECT_ID", "LOCATION=$LOCATION"]);
    });

    it("prepares from the stack's outputs, and refuses before anything changes: program guard, four eyes on prod", async () => {
        const prod = (await allTriggers())["deploy-prod"];
        const prepare = scriptOf(stepOf(prod, "prepare-prod"));
        assert.match(prepare, /^pulumi login gs:\/\/tribal-sign-487920-k0-pulumi-state$/m);
        assert.match(prepare, /^if ! pulumi stack output --json --stack prod > \/workspace\/\.bilko\/prod\/outputs\.json/m);
        assert.match(prepare, /pulumi stack init prod --secrets-provider gcpkms:\/\/projects\/tribal-sign-487920-k0\//);
        assert.match(prepare, /tools\/pipelineFacts\.ts prod restore-digests < \/workspace\/\.bilko\/prod\/outputs\.json > \/workspace\/\.bilko\/prod\/restore-digests$/m);
        for (const fact of ["service-urns", "migration-jobs", "backup", "smoke-secrets"]) {
            assert.match(prepare, new RegExp(`tools/pipelineFacts\\.ts prod ${fact} > /workspace/\\.bilko/prod/${fact}$`, "m"));
        }
        assert.match(prepare, /^pulumi stack output --json --stack demo > \/workspace\/\.bilko\/prod\/upstream-outputs\.json$/m);
        assert.match(prepare, /tools\/pipelineFacts\.ts prod program-guard < /);
        assert.match(prepare, /tools\/pipelineFacts\.ts prod four-eyes < \/workspace\/\.bilko\/prod\/build\.json/);
        assert.match(scriptOf(stepOf(prod, "approval-prod")), /^gcloud builds describe "\$BUILD_ID" --region "\$LOCATION" --project "\$PROJECT_ID" --format=json > \/workspace\/\.bilko\/prod\/build\.json$/m);
        const stagePrepare = scriptOf(stepOf((await allTriggers()).build, "prepare-stage"));
        assert.doesNotMatch(stagePrepare, /program-guard|four-eyes/, "stage has no upstream and no approval");
    });

    it("every deploy step records a failure instead of failing, and stands aside once one failed", async () => {
        const { build } = await allTriggers();
        for (const step of ORDER.slice(0, -2)) {
            const lines = scriptOf(stepOf(build, `${step}-stage`)).split("\n");
            assert.deepStrictEqual(lines.slice(1, 5), ["if [[ -f /workspace/.bilko/stage/failed ]]; then", '    echo "skipped: $(cat /workspace/.bilko/stage/failed)"', "    exit 0", "fi"], step);
            assert.ok(lines.includes(`trap '(( BASH_SUBSHELL > 0 )) && exit 1; echo "${step}-stage failed at line $LINENO" > /workspace/.bilko/stage/failed; exit 0' ERR`), step);
            assert.ok(lines.includes("set -E"), `${step}: functions inherit the trap`);
        }
        assert.match(scriptOf(stepOf(build, "restore-stage")), /^if \[\[ ! -f \/workspace\/\.bilko\/stage\/failed \]\]; then$/m);
        assert.match(scriptOf(stepOf(build, "unlock-stage")), /^exit 1$/m);
    });

    it("a recorded step stops at a failing command substitution, records its line, and exits 0", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-recorded-"));
        try {
            const step = recordedStep("probe-stage", "gcloud", "stage", ['value=$(echo partial; false)', 'echo "went on with $value"']);
            const text = step.script.split(HANDOFF_DIR).join(dir);
            fs.mkdirSync(path.join(dir, "stage"));
            const run = spawnSync("bash", ["-c", text], { encoding: "utf8" });
            assert.deepStrictEqual([run.status, run.stdout], [0, ""], "nothing after the failing substitution runs");
            assert.strictEqual(fs.readFileSync(path.join(dir, "stage", "failed"), "utf8"), "probe-stage failed at line 10\n");
            const guarded = recordedStep("probe-stage", "gcloud", "stage", ['if ! value=$(false); then echo "handled"; fi']);
            fs.rmSync(path.join(dir, "stage", "failed"));
            const handled = spawnSync("bash", ["-c", guarded.script.split(HANDOFF_DIR).join(dir)], { encoding: "utf8" });
            assert.deepStrictEqual([handled.status, handled.stdout, fs.existsSync(path.join(dir, "stage", "failed"))], [0, "handled\n", false], "a substitution tested by if is not a failure");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("smoke-tests with npm run smoke's checks and releases only what passed", async () => {
        const demo = (await allTriggers())["deploy-demo"];
        assert.match(
            scriptOf(stepOf(demo, "smoke-demo")),
            /^if node --require sucrase\/register\/ts tools\/smoke\.ts demo --outputs \/workspace\/\.bilko\/demo\/outputs-after\.json --secrets-dir \/workspace\/\.bilko\/demo\/secrets --attempts 12 --delay 5; then/m,
        );
        const release = scriptOf(stepOf(demo, "release-demo"));
        assert.match(release, /tools\/pipelineFacts\.ts demo smoke-passed > /);
        assert.match(release, /^pulumi up --stack demo --yes --policy-pack policies$/m);
    });

    it("deploy triggers install the program's dependencies first", async () => {
        const prod = (await allTriggers())["deploy-prod"];
        assert.deepStrictEqual(stepIds(prod).slice(0, 3), ["install", "lock-prod", "approval-prod"]);
        assert.match(scriptOf(stepOf(prod, "install")), /^npm ci --no-audit --no-fund$/m);
    });
});

describe("preview trigger", () => {
    it("runs the tests and the outside-tool checks (shellcheck), the parity report, then previews stage, demo and prod with the policy pack", async () => {
        const { preview } = await allTriggers();
        assert.deepStrictEqual(stepIds(preview), ["test", "parity", "preview-stage", "preview-demo", "preview-prod"]);
        const commands = scriptOf(stepOf(preview, "test")).split("\n").filter((line) => line !== "" && !line.startsWith("#"));
        assert.deepStrictEqual(commands, ["set -euo pipefail", "apt-get update -qq", "apt-get install -y -qq shellcheck > /dev/null", "npm ci --no-audit --no-fund", "npm test", "npm run verify"]);
        for (const stack of ["stage", "demo", "prod"]) {
            assert.match(scriptOf(stepOf(preview, `preview-${stack}`)), new RegExp(`^pulumi preview --stack ${stack} --policy-pack policies --diff$`, "m"));
        }
    });

    it("previews stage at the digests stage runs where the branch's file is older, so it never proposes rolling stage back", async () => {
        const { preview } = await allTriggers();
        const stage = scriptOf(stepOf(preview, "preview-stage"));
        assert.match(stage, /tools\/pipelineFacts\.ts stage running-digests < \/workspace\/\.bilko\/preview-stage-outputs\.json > /);
        assert.ok(stage.indexOf("running-digests") < stage.indexOf("pulumi preview"));
        assert.doesNotMatch(scriptOf(stepOf(preview, "preview-prod")), /running-digests/);
    });
});

describe("rendering for Cloud Build", () => {
    it("doubles every $ of a script, so Cloud Build substitutes nothing inside it", async () => {
        for (const trigger of Object.values(await allTriggers())) {
            for (const step of trigger.build.steps) {
                assert.doesNotMatch(step.args[1].replace(/\$\$/g, ""), /\$/, `${trigger.name} ${step.id}`);
            }
        }
    });

    it("hands $COMMIT_SHA to the scripts through env, where Cloud Build substitutes it", async () => {
        const { build } = await allTriggers();
        const withCommit = build.build.steps.filter((step: Record<string, any>) => scriptOf(step).includes("$COMMIT_SHA"));
        assert.ok(withCommit.length > 0);
        for (const step of withCommit) {
            assert.ok(step.envs.includes("COMMIT_SHA=$COMMIT_SHA"), step.id);
        }
    });
});
