import * as assert from "assert";
import { floatingTagWrites } from "../../../components/pipeline/floatingTags";
import { unescapeFromCloudBuild } from "../../../components/pipeline/steps/shell";
import { serviceDigestKey } from "../../../config";
import { committedValues } from "../../support/stacks";
import { stageTriggers, stepIds, stepOf } from "./support";

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

describe("build trigger: each service built once, verified, scanned", () => {
    it("builds every service with a build entry exactly once", async () => {
        const { build } = await stageTriggers();
        const services = Object.keys(committedValues("stage")["bilko:services"]);
        const dockerBuilds = build.build.steps.filter((step: Record<string, any>) => /^docker build /m.test(scriptOf(step)));
        assert.deepStrictEqual(dockerBuilds.map((step: { id: string }) => step.id), services.map((service) => `build-${service}`));
    });

    it("labels the image with the commit and pushes only sha-$COMMIT_SHA", async () => {
        const { build } = await stageTriggers();
        const script = scriptOf(stepOf(build, "build-api"));
        assert.match(script, /^image=europe-north1-docker\.pkg\.dev\/tribal-sign-487920-k0\/bilko\/api$/m);
        assert.match(script, /--label "org\.opencontainers\.image\.revision=\$COMMIT_SHA"/);
        assert.match(script, /--tag "\$image:sha-\$COMMIT_SHA"/);
        assert.match(script, /--file apps\/api\/Dockerfile \\\n\s+apps\/api$/m);
        assert.deepStrictEqual(script.match(/^docker push .*$/gm), ['docker push "$image:sha-$COMMIT_SHA"']);
        assert.deepStrictEqual(stepOf(build, "build-api").envs, ["COMMIT_SHA=$COMMIT_SHA"]);
    });

    it("never pushes or tags a floating tag in any step of any trigger", async () => {
        for (const trigger of Object.values(await stageTriggers())) {
            for (const step of trigger.build.steps) {
                assert.deepStrictEqual(floatingTagWrites(step.args[1]), [], `${trigger.name} ${step.id}`);
            }
            assert.strictEqual(trigger.build.images, undefined);
        }
    });

    it("resolves the digest from the registry, verifies the revision label, then scans by digest", async () => {
        const { build } = await stageTriggers();
        const digest = scriptOf(stepOf(build, "digest-web"));
        assert.match(digest, /gcloud artifacts docker images describe "\$image:sha-\$COMMIT_SHA" --format='value\(image_summary\.digest\)'/);
        assert.match(digest, /> \/workspace\/\.bilko\/digest-web$/m);
        const verify = scriptOf(stepOf(build, "verify-web"));
        assert.match(verify, /docker pull --quiet "\$image@\$digest"/);
        assert.match(verify, /index \.Config\.Labels "org\.opencontainers\.image\.revision"/);
        assert.match(verify, /if \[\[ \$revision != "\$COMMIT_SHA" \]\]; then/);
        const scan = stepOf(build, "scan-web");
        assert.strictEqual(scan.entrypoint, "sh");
        assert.match(scriptOf(scan), /^trivy image --exit-code 1 --severity HIGH,CRITICAL --no-progress "\$image@\$digest"$/m);
        assert.deepStrictEqual(stepOf(build, "verify-web").waitFors, ["digest-web"]);
        assert.deepStrictEqual(stepOf(build, "digest-web").waitFors, ["build-web"]);
    });

    it("starts the builds at once and scans one image at a time", async () => {
        const { build } = await stageTriggers();
        assert.deepStrictEqual(stepOf(build, "build-web").waitFors, ["-"]);
        assert.deepStrictEqual(stepOf(build, "build-api").waitFors, ["-"]);
        assert.deepStrictEqual(stepOf(build, "scan-web").waitFors, ["verify-web"]);
        assert.deepStrictEqual(stepOf(build, "scan-api").waitFors, ["verify-api", "scan-web"]);
    });

    it("sets each pushed digest into stage only after every scan passed", async () => {
        const { build } = await stageTriggers();
        const set = stepOf(build, "set-digests-stage");
        assert.deepStrictEqual(set.waitFors, ["prepare-stage", "scan-web", "scan-api"]);
        const lines = scriptOf(set).split("\n").filter((line) => line.startsWith("pulumi config set"));
        assert.deepStrictEqual(lines, ["web", "api"].map((service) => `pulumi config set --stack stage --path ${serviceDigestKey(service)} "$(cat /workspace/.bilko/digest-${service})"`));
    });

    it("does not build a service that has no build entry", async () => {
        const { imagesToBuild } = await import("../../../components/pipeline/steps/imageSteps");
        const services = committedValues("stage")["bilko:services"];
        delete services.web.build;
        assert.deepStrictEqual(imagesToBuild(REGISTRY, services).map((image) => image.service), ["api"]);
    });
});

describe("deploying a stack: migrations before traffic, smoke test, restore", () => {
    const ORDER = ["prepare", "migrations-job", "migrate", "up", "smoke", "restore"];

    it("runs the same ordered steps for stage (after set-digests), demo and prod", async () => {
        const triggers = await stageTriggers();
        for (const [key, stack] of [["build", "stage"], ["deploy-demo", "demo"], ["deploy-prod", "prod"]]) {
            const ids = ORDER.map((step) => `${step}-${stack}`);
            const positions = ids.map((id) => position(triggers[key], id));
            assert.deepStrictEqual(positions, [...positions].sort((a, b) => a - b), `${key}: ${stepIds(triggers[key]).join(", ")}`);
            // Steps after prepare wait for every earlier step (Cloud Build's default): strictly sequential.
            for (const id of ids.slice(1)) {
                assert.strictEqual(stepOf(triggers[key], id).waitFors, undefined, `${key} ${id}`);
            }
        }
        assert.ok(position(triggers.build, "set-digests-stage") < position(triggers.build, "migrations-job-stage"));
    });

    it("moves only the migrations job to the new digest, runs it and waits, then moves the services", async () => {
        const demo = (await stageTriggers())["deploy-demo"];
        const job = scriptOf(stepOf(demo, "migrations-job-demo"));
        assert.match(job, /mapfile -t targets < \/workspace\/\.bilko\/demo\/migration-targets/);
        assert.match(job, /^pulumi up --stack demo --yes --policy-pack policies "\$\{target_flags\[@\]\}"$/m);
        const migrate = scriptOf(stepOf(demo, "migrate-demo"));
        assert.match(migrate, /gcloud run jobs execute "\$job" --region "\$region" --project "\$project" --wait/);
        assert.match(scriptOf(stepOf(demo, "up-demo")), /^pulumi up --stack demo --yes --policy-pack policies$/m);
    });

    it("records what the stack ran before anything changes, from its outputs", async () => {
        const prod = (await stageTriggers())["deploy-prod"];
        const prepare = scriptOf(stepOf(prod, "prepare-prod"));
        assert.match(prepare, /^pulumi login gs:\/\/tribal-sign-487920-k0-pulumi-state$/m);
        assert.match(prepare, /pulumi stack output services --json --stack prod \| node --require sucrase\/register\/ts tools\/pipelineFacts\.ts prod previous-digests > \/workspace\/\.bilko\/prod\/previous-digests/);
        for (const fact of ["health-urls", "migration-jobs", "migration-targets"]) {
            assert.match(prepare, new RegExp(`tools/pipelineFacts\\.ts prod ${fact} > /workspace/\\.bilko/prod/${fact}$`, "m"));
        }
    });

    it("from migrations-job on, a failing step records itself for restore and later steps stand aside", async () => {
        const { build } = await stageTriggers();
        for (const step of ["migrations-job", "migrate", "up", "smoke"]) {
            const lines = scriptOf(stepOf(build, `${step}-stage`)).split("\n");
            assert.deepStrictEqual(lines.slice(1, 5), ["if [[ -f /workspace/.bilko/stage/failed ]]; then", '    echo "skipped: $(cat /workspace/.bilko/stage/failed)"', "    exit 0", "fi"], step);
            assert.ok(lines.includes(`trap 'echo "${step}-stage failed" > /workspace/.bilko/stage/failed; exit 0' ERR`), step);
        }
        assert.match(scriptOf(stepOf(build, "restore-stage")), /^if \[\[ ! -f \/workspace\/\.bilko\/stage\/failed \]\]; then$/m);
    });

    it("deploy triggers install the program's dependencies after the promotion guard", async () => {
        const prod = (await stageTriggers())["deploy-prod"];
        assert.deepStrictEqual(stepIds(prod).slice(0, 3), ["promotion-only", "install", "prepare-prod"]);
        assert.match(scriptOf(stepOf(prod, "install")), /^npm ci --no-audit --no-fund$/m);
    });
});

describe("preview trigger", () => {
    it("runs the tests and the outside-tool checks (shellcheck), then previews stage, demo and prod with the policy pack", async () => {
        const { preview } = await stageTriggers();
        assert.deepStrictEqual(stepIds(preview), ["test", "preview-stage", "preview-demo", "preview-prod"]);
        const commands = scriptOf(stepOf(preview, "test")).split("\n").filter((line) => line !== "" && !line.startsWith("#"));
        assert.deepStrictEqual(commands, ["set -euo pipefail", "apt-get update -qq", "apt-get install -y -qq shellcheck > /dev/null", "npm ci --no-audit --no-fund", "npm test", "npm run verify"]);
        for (const stack of ["stage", "demo", "prod"]) {
            assert.match(scriptOf(stepOf(preview, `preview-${stack}`)), new RegExp(`^pulumi preview --stack ${stack} --policy-pack policies --diff$`, "m"));
        }
    });
});

describe("rendering for Cloud Build", () => {
    it("doubles every $ of a script, so Cloud Build substitutes nothing inside it", async () => {
        for (const trigger of Object.values(await stageTriggers())) {
            for (const step of trigger.build.steps) {
                assert.doesNotMatch(step.args[1].replace(/\$\$/g, ""), /\$/, `${trigger.name} ${step.id}`);
            }
        }
    });

    it("hands $COMMIT_SHA to the scripts through env, where Cloud Build substitutes it", async () => {
        const { build } = await stageTriggers();
        const withCommit = build.build.steps.filter((step: Record<string, any>) => scriptOf(step).includes("$COMMIT_SHA"));
        assert.ok(withCommit.length > 0);
        for (const step of withCommit) {
            assert.ok(step.envs.includes("COMMIT_SHA=$COMMIT_SHA"), step.id);
        }
    });
});
