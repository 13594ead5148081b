import * as assert from "assert";
import { isPinnedImage } from "../../../components/registry/images";
import { keySettings } from "../../../plan/summary";
import { committedValues, edited, evaluate, plannedStack, resourcesOfType } from "../../support/stacks";
import { throughDockerHubCache } from "../../../components/pipeline/builderImages";
import { firesOn, allTriggers, stepIds, stepOf, TRIGGER } from "./support";

const CACHE = "europe-north1-docker.pkg.dev/tribal-sign-487920-k0/docker-hub";

const MAIN = "^main$";

describe("pipeline triggers: events and file filters", () => {
    it("are the four triggers of the issue and a drift check per stack: build, preview and the drift checks in the stack that owns the pipeline, each deploy trigger in its own stack", async () => {
        assert.deepStrictEqual(Object.keys(await allTriggers()).sort(), ["build", "deploy-demo", "deploy-prod", "drift-demo", "drift-prod", "drift-stage", "preview"]);
        assert.deepStrictEqual(resourcesOfType(await plannedStack("stage"), TRIGGER).map((trigger) => trigger.name).sort(), [
            "pipeline-build",
            "pipeline-drift-demo",
            "pipeline-drift-prod",
            "pipeline-drift-stage",
            "pipeline-preview",
        ]);
        for (const stack of ["demo", "prod"]) {
            assert.deepStrictEqual(resourcesOfType(await plannedStack(stack), TRIGGER).map((trigger) => trigger.inputs.name), [`bilko-deploy-${stack}`], stack);
        }
    });

    it("build: every push to main, ignoring the demo and prod stack files", async () => {
        const { build } = await allTriggers();
        assert.strictEqual(build.name, "bilko-build");
        assert.deepStrictEqual(build.github, { owner: "alai-no", name: "bilko", push: { branch: MAIN } });
        assert.deepStrictEqual(build.ignoredFiles, ["Pulumi.demo.yaml", "Pulumi.prod.yaml"]);
        assert.deepStrictEqual(build.includedFiles, []);
    });

    it("preview: pull requests to main, external contributors gated by a collaborator's /gcbrun", async () => {
        const { preview } = await allTriggers();
        assert.deepStrictEqual(preview.github, {
            owner: "alai-no",
            name: "bilko",
            pullRequest: { branch: MAIN, commentControl: "COMMENTS_ENABLED_FOR_EXTERNAL_CONTRIBUTORS_ONLY" },
        });
        assert.strictEqual(preview.includeBuildLogs, "INCLUDE_BUILD_LOGS_WITH_STATUS", "the pull request's check carries the build log");
        const triggers = await allTriggers();
        assert.deepStrictEqual(["build", "deploy-demo", "deploy-prod"].map((key) => triggers[key].includeBuildLogs), [undefined, undefined, undefined]);
    });

    it("deploy-demo and deploy-prod: pushes to main that change their own stack file", async () => {
        const triggers = await allTriggers();
        for (const stack of ["demo", "prod"]) {
            const trigger = triggers[`deploy-${stack}`];
            assert.deepStrictEqual(trigger.github.push, { branch: MAIN });
            assert.deepStrictEqual(trigger.includedFiles, [`Pulumi.${stack}.yaml`]);
            assert.deepStrictEqual(trigger.ignoredFiles, []);
        }
    });

    it("a promotion commit starts only its deploy trigger, never the build", async () => {
        const triggers = await allTriggers();
        const fired = (files: string[]) => Object.keys(triggers).filter((key) => key !== "preview" && !key.startsWith("drift-") && firesOn(triggers[key], files)).sort();
        assert.deepStrictEqual(fired(["Pulumi.demo.yaml"]), ["deploy-demo"]);
        assert.deepStrictEqual(fired(["Pulumi.prod.yaml"]), ["deploy-prod"]);
        assert.deepStrictEqual(fired(["Pulumi.demo.yaml", "Pulumi.prod.yaml"]), ["deploy-demo", "deploy-prod"]);
        assert.deepStrictEqual(fired(["api/src/Main.kt", "Pulumi.stage.yaml"]), ["build"]);
    });

    it("a commit mixing code and a promotion starts both; the deploy refuses, before changing anything, a program stage has not deployed", async () => {
        const triggers = await allTriggers();
        assert.ok(firesOn(triggers.build, ["api/src/Main.kt", "Pulumi.demo.yaml"]));
        assert.ok(firesOn(triggers["deploy-demo"], ["api/src/Main.kt", "Pulumi.demo.yaml"]));
        const ids = stepIds(triggers["deploy-demo"]);
        assert.ok(ids.indexOf("prepare-demo") < ids.indexOf("backup-demo"));
        assert.match(stepOf(triggers["deploy-demo"], "prepare-demo").args[1], /tools\/pipelineFacts\.ts demo program-guard < /);
    });

    it("only deploy-prod waits for approval", async () => {
        const triggers = await allTriggers();
        const approval = Object.fromEntries(Object.entries(triggers).map(([key, trigger]) => [key, trigger.approvalConfig.approvalRequired]));
        assert.deepStrictEqual(approval, { build: false, preview: false, "deploy-demo": false, "deploy-prod": true, "drift-stage": false, "drift-demo": false, "drift-prod": false });
    });

    it("tag the environment they deploy, for the policy pack", async () => {
        const triggers = await allTriggers();
        assert.deepStrictEqual(triggers.build.tags, ["bilko", "build", "environment-stage"]);
        assert.deepStrictEqual(triggers["deploy-prod"].tags, ["bilko", "deploy", "environment-prod"]);
        assert.deepStrictEqual(triggers.preview.tags, ["bilko", "preview"]);
        assert.deepStrictEqual(triggers["drift-prod"].tags, ["bilko", "drift", "drift-prod"], "a drift check changes nothing: not tagged as deploying prod");
        for (const trigger of Object.values(triggers)) {
            assert.deepStrictEqual(trigger.build.tags, trigger.tags, `${trigger.name}: its builds carry its tags, which the notifiers read`);
        }
    });

    it("drift checks: manual triggers of main's head, one per stack, each run daily by a Cloud Scheduler job", async () => {
        const triggers = await allTriggers();
        const { resources } = await plannedStack("stage");
        const jobs = resources.filter((resource) => resource.type === "gcp:cloudscheduler/job:Job");
        assert.deepStrictEqual(jobs.map((job) => job.inputs.name).sort(), ["bilko-drift-demo", "bilko-drift-prod", "bilko-drift-stage"]);
        for (const stack of ["stage", "demo", "prod"]) {
            const trigger = triggers[`drift-${stack}`];
            assert.deepStrictEqual(trigger.sourceToBuild, { uri: "https://github.com/alai-no/bilko", ref: "refs/heads/main", repoType: "GITHUB" });
            assert.strictEqual(trigger.github, undefined, "no event starts it");
            const job = jobs.find((candidate) => candidate.inputs.name === `bilko-drift-${stack}`)!;
            assert.deepStrictEqual([job.inputs.schedule, job.inputs.timeZone], ["0 6 * * *", "Europe/Oslo"]);
            assert.strictEqual(job.inputs.httpTarget.uri, `https://cloudbuild.googleapis.com/v1/projects/tribal-sign-487920-k0/locations/europe-north1/triggers/bilko-drift-${stack}-mock-id:run`);
            assert.deepStrictEqual(JSON.parse(Buffer.from(job.inputs.httpTarget.body, "base64").toString()), {
                projectId: "tribal-sign-487920-k0",
                triggerId: `bilko-drift-${stack}-mock-id`,
                source: { branchName: "main" },
            });
            assert.strictEqual(job.inputs.httpTarget.oauthToken.serviceAccountEmail, "bilko-drift-scheduler@tribal-sign-487920-k0.iam.gserviceaccount.com");
            const preview = trigger.build.steps.find((step: { id: string }) => step.id === `drift-${stack}`).args[1];
            assert.match(preview, new RegExp(`^pulumi preview --stack ${stack} --refresh --expect-no-changes --policy-pack policies --json > `, "m"));
            assert.strictEqual(/running-digests/.test(preview), stack === "stage", "stage is checked at the digests it runs");
        }
    });

    it("run in gcp:region and log to Cloud Logging (required for a user-managed account)", async () => {
        for (const trigger of Object.values(await allTriggers())) {
            assert.strictEqual(trigger.location, "europe-north1");
            assert.strictEqual(trigger.build.options.logging, "CLOUD_LOGGING_ONLY");
        }
    });

    it("with a 2nd-gen repository, use repositoryEventConfig with the same filters", async () => {
        const repository = "projects/tribal-sign-487920-k0/locations/europe-north1/connections/github/repositories/bilko";
        const plan = await evaluate("stage", edited("stage", (v) => {
            delete v["bilko:pipeline"].github;
            v["bilko:pipeline"].repository = repository;
        }));
        const triggers = Object.fromEntries(resourcesOfType(plan, TRIGGER).map((trigger) => [trigger.name, trigger.inputs]));
        assert.deepStrictEqual(triggers["pipeline-build"].repositoryEventConfig, { repository, push: { branch: MAIN } });
        assert.deepStrictEqual(triggers["pipeline-preview"].repositoryEventConfig.pullRequest.branch, MAIN);
        assert.strictEqual(triggers["pipeline-build"].github, undefined);
    });
});

describe("pipeline triggers in the plan's table", () => {
    it("show event, file filters, approval, account and verified provenance", async () => {
        const planned = (await Promise.all(["stage", "demo", "prod"].map(async (stack) => resourcesOfType(await plannedStack(stack), TRIGGER)))).flat();
        const settings = Object.fromEntries(planned.map((trigger) => [trigger.inputs.name, keySettings(trigger).split("  ")]));
        const account = (id: string) => `sa=bilko-${id}@tribal-sign-487920-k0.iam.gserviceaccount.com`;
        const expectations: Record<string, string[]> = {
            "bilko-build": ["push ^main$", "ignored=Pulumi.demo.yaml,Pulumi.prod.yaml", "no-approval", account("build")],
            "bilko-preview": ["pull-request ^main$ (COMMENTS_ENABLED_FOR_EXTERNAL_CONTRIBUTORS_ONLY)", "no-approval", account("preview")],
            "bilko-deploy-demo": ["push ^main$", "included=Pulumi.demo.yaml", "no-approval", account("deploy-demo")],
            "bilko-deploy-prod": ["push ^main$", "included=Pulumi.prod.yaml", "approval-required", account("deploy-prod")],
            ...Object.fromEntries(["stage", "demo", "prod"].map((stack) => [`bilko-drift-${stack}`, ["manual refs/heads/main", "no-approval", account("preview")]])),
        };
        assert.deepStrictEqual(Object.keys(settings).sort(), Object.keys(expectations).sort());
        for (const [name, parts] of Object.entries(expectations)) {
            for (const part of parts) {
                assert.ok(settings[name].includes(part), `${name}: ${settings[name].join("  ")} lacks ${part}`);
            }
        }
    });
});

describe("pipeline triggers: identities and builder images", () => {
    it("each runs as its own pipeline account: build, preview (and the drift checks), and each promoted stack's own deployer", async () => {
        const account = (id: string) => `projects/tribal-sign-487920-k0/serviceAccounts/bilko-${id}@tribal-sign-487920-k0.iam.gserviceaccount.com`;
        const triggers = await allTriggers();
        assert.deepStrictEqual(
            Object.fromEntries(Object.entries(triggers).map(([key, trigger]) => [key, trigger.serviceAccount])),
            {
                build: account("build"),
                preview: account("preview"),
                "deploy-demo": account("deploy-demo"),
                "deploy-prod": account("deploy-prod"),
                "drift-stage": account("preview"),
                "drift-demo": account("preview"),
                "drift-prod": account("preview"),
            },
        );
    });

    it("every step runs one of the configured builder images, pinned by digest; Docker Hub ones through the cache", async () => {
        const builders = Object.values<string>(committedValues("stage")["bilko:pipeline"].builders).map((image) => throughDockerHubCache(image, CACHE));
        for (const trigger of Object.values(await allTriggers())) {
            for (const step of trigger.build.steps) {
                assert.ok(builders.includes(step.name), `${trigger.name} ${step.id} runs ${step.name}`);
                assert.ok(isPinnedImage(step.name), `${trigger.name} ${step.id} runs ${step.name}`);
            }
        }
    });

    it("take the builder images from config", async () => {
        const trivy = `docker.io/aquasec/trivy@sha256:${"a".repeat(64)}`;
        const plan = await evaluate("stage", edited("stage", (v) => (v["bilko:pipeline"].builders.trivy = trivy)));
        const build = resourcesOfType(plan, TRIGGER).find((trigger) => trigger.name === "pipeline-build")!.inputs;
        const scans = build.build.steps.filter((step: { id: string }) => step.id.startsWith("scan-"));
        assert.deepStrictEqual(scans.map((step: { name: string }) => step.name), [trivy, trivy, trivy].map((image) => throughDockerHubCache(image, CACHE)));
    });

    it("pulls Docker Hub images through the cache (official ones under library/), and others directly", () => {
        const digest = `sha256:${"a".repeat(64)}`;
        assert.strictEqual(throughDockerHubCache(`docker.io/pulumi/pulumi-nodejs-22@${digest}`, CACHE), `${CACHE}/pulumi/pulumi-nodejs-22@${digest}`);
        assert.strictEqual(throughDockerHubCache(`docker.io/alpine@${digest}`, CACHE), `${CACHE}/library/alpine@${digest}`);
        assert.strictEqual(throughDockerHubCache(`gcr.io/cloud-builders/docker@${digest}`, CACHE), `gcr.io/cloud-builders/docker@${digest}`);
    });

    it("declares the cache as an Artifact Registry remote repository of Docker Hub in the registry's location", async () => {
        const cache = resourcesOfType(await plannedStack("stage"), "gcp:artifactregistry/repository:Repository").find((repository) => repository.inputs.repositoryId === "docker-hub")!;
        assert.deepStrictEqual([cache.inputs.location, cache.inputs.format, cache.inputs.mode], ["europe-north1", "DOCKER", "REMOTE_REPOSITORY"]);
        assert.deepStrictEqual(cache.inputs.remoteRepositoryConfig.dockerRepository, { publicRepository: "DOCKER_HUB" });
        assert.strictEqual(cache.inputs.labels.environment, "stage");
    });
});
