import * as assert from "assert";
import { enforceDedicatedServiceAccount, disallowFloatingTags, enforceProdApproval, enforceVerifiedProvenance, TRIGGER } from "../../../policies/cloudbuild";
import { checkResource, mutated, unknown, violations, type Props } from "../support";

const DOCKER = "gcr.io/cloud-builders/docker@sha256:dcf06323019a96d28fa15e8bdfac2f41968657bb2fd26622e40ae4f06abb1d2e";
const PULUMI = "docker.io/pulumi/pulumi-nodejs@sha256:c4266acf365a7178ff394852efce60375675d30aba820e58c168946e8befe7df";
const ACCOUNT = "projects/bilko-project/serviceAccounts/bilko-deploy@bilko-project.iam.gserviceaccount.com";

/** A bash step as the pipeline renders it: the script after `-c`, with Cloud Build's `$$`. */
function bash(id: string, image: string, script: string): Props {
    return { id, name: image, entrypoint: "bash", args: ["-c", script.replace(/\$/g, "$$$$")] };
}

/** A prod deploy trigger that passes every Cloud Build policy. */
function prodTrigger(): Props {
    return {
        name: "bilko-deploy-prod",
        tags: ["bilko", "deploy", "environment-prod"],
        approvalConfig: { approvalRequired: true },
        serviceAccount: ACCOUNT,
        build: {
            steps: [
                bash("build-api", DOCKER, 'image=r/api\ndocker build --tag "$image:sha-$COMMIT_SHA" api\ndocker push "$image:sha-$COMMIT_SHA"\n'),
                bash("up-prod", PULUMI, "pulumi login gs://state\npulumi up --stack prod --yes --policy-pack policies\n"),
            ],
            options: { logging: "CLOUD_LOGGING_ONLY", requestedVerifyOption: "VERIFIED" },
        },
    };
}

/** A stage build trigger: deploys stage, so approval does not apply to it. */
function stageTrigger(): Props {
    return mutated(prodTrigger, (value) => {
        value.tags = ["bilko", "build", "environment-stage"];
        value.approvalConfig.approvalRequired = false;
        value.build.steps[1] = bash("up-stage", PULUMI, "pulumi up --stack stage --yes --policy-pack policies\n");
    });
}

describe("cloudbuild-trigger-enforce-prod-approval", () => {
    it("passes the baseline prod trigger", async () => {
        assert.deepStrictEqual(await violations(enforceProdApproval, TRIGGER, prodTrigger()), []);
    });

    it("refuses a prod trigger without approval", async () => {
        const props = mutated(prodTrigger, (value) => (value.approvalConfig.approvalRequired = false));
        assert.deepStrictEqual(await violations(enforceProdApproval, TRIGGER, props), [
            'Cloud Build trigger "subject" deploys prod (it is tagged environment-prod) but starts without approval; set approvalConfig.approvalRequired to true so a person approves each prod build.',
        ]);
    });

    it("refuses an untagged trigger whose step runs pulumi up on the prod stack, with no approvalConfig at all", async () => {
        const props = mutated(prodTrigger, (value) => {
            value.tags = [];
            delete value.approvalConfig;
            value.build.steps[1] = bash("up", PULUMI, "pulumi up --yes --stack acme/prod\n");
        });
        assert.deepStrictEqual(await violations(enforceProdApproval, TRIGGER, props), [
            'Cloud Build trigger "subject" deploys prod (step "up" runs pulumi up on the prod stack) but starts without approval; set approvalConfig.approvalRequired to true so a person approves each prod build.',
        ]);
    });

    it("is not applicable to a trigger that deploys another stack", async () => {
        assert.deepStrictEqual(await checkResource(enforceProdApproval, TRIGGER, stageTrigger()), {
            violations: [],
            notApplicable: "the trigger does not deploy prod (no environment-prod tag, no pulumi up on the prod stack)",
        });
    });

    it("is not applicable to other types", async () => {
        const outcome = await checkResource(enforceProdApproval, "gcp:cloudrunv2/job:Job", { name: "bilko-api-migrate" });
        assert.deepStrictEqual(outcome, { violations: [], notApplicable: `applies only to ${TRIGGER}` });
    });

    it("reports nothing while approvalRequired is unknown", async () => {
        const props = mutated(prodTrigger, (value) => (value.approvalConfig.approvalRequired = unknown.boolean));
        assert.deepStrictEqual(await checkResource(enforceProdApproval, TRIGGER, props), {
            violations: [],
            notApplicable: "cannot be checked yet: boolean value at .approvalConfig.approvalRequired can't be known during preview",
        });
    });
});

describe("cloudbuild-trigger-enforce-dedicated-service-account", () => {
    it("passes a trigger running as its own account", async () => {
        assert.deepStrictEqual(await violations(enforceDedicatedServiceAccount, TRIGGER, prodTrigger()), []);
    });

    it("refuses a trigger without serviceAccount", async () => {
        const props = mutated(prodTrigger, (value) => delete value.serviceAccount);
        assert.deepStrictEqual(await violations(enforceDedicatedServiceAccount, TRIGGER, props), [
            `Cloud Build trigger "subject" sets no serviceAccount, so its builds run as the project's default Cloud Build account and its broad rights; set serviceAccount to projects/<project>/serviceAccounts/<email> of an account that holds only what this trigger needs.`,
        ]);
    });

    it("refuses the default Cloud Build account", async () => {
        const props = mutated(prodTrigger, (value) => (value.serviceAccount = "projects/bilko-project/serviceAccounts/123456789012@cloudbuild.gserviceaccount.com"));
        assert.deepStrictEqual(await violations(enforceDedicatedServiceAccount, TRIGGER, props), [
            'Cloud Build trigger "subject" runs as 123456789012@cloudbuild.gserviceaccount.com, a default account that other services share; create a service account for this trigger, grant it only what the trigger needs, and set serviceAccount to it.',
        ]);
    });

    it("refuses the Compute Engine default account", async () => {
        const props = mutated(prodTrigger, (value) => (value.serviceAccount = "projects/bilko-project/serviceAccounts/123456789012-compute@developer.gserviceaccount.com"));
        assert.strictEqual((await violations(enforceDedicatedServiceAccount, TRIGGER, props)).length, 1);
    });

    it("reports nothing while the account (a new one) is unknown", async () => {
        const props = mutated(prodTrigger, (value) => (value.serviceAccount = unknown.string));
        assert.deepStrictEqual(await checkResource(enforceDedicatedServiceAccount, TRIGGER, props), {
            violations: [],
            notApplicable: "cannot be checked yet: string value at .serviceAccount can't be known during preview",
        });
    });

    it("is not applicable to other types", async () => {
        const outcome = await checkResource(enforceDedicatedServiceAccount, "gcp:serviceaccount/account:Account", { accountId: "bilko-build" });
        assert.deepStrictEqual(outcome, { violations: [], notApplicable: `applies only to ${TRIGGER}` });
    });
});

describe("cloudbuild-trigger-disallow-floating-tags", () => {
    const fix = "push and tag only sha-$COMMIT_SHA (written out, not in a variable) and deploy by digest";

    it("passes steps that push only sha-$COMMIT_SHA, and a push by digest", async () => {
        const props = mutated(prodTrigger, (value) => value.build.steps.push(bash("copy", DOCKER, "docker push r/api@sha256:" + "0".repeat(64) + "\n")));
        assert.deepStrictEqual(await violations(disallowFloatingTags, TRIGGER, props), []);
    });

    it("refuses pushing latest", async () => {
        const props = mutated(prodTrigger, (value) => value.build.steps.push(bash("latest", DOCKER, "docker push r/api:latest\n")));
        assert.deepStrictEqual(await violations(disallowFloatingTags, TRIGGER, props), [
            `Cloud Build trigger "subject" step "latest" runs docker push "r/api:latest", whose tag "latest" can move to another image; ${fix}.`,
        ]);
    });

    it("refuses moving a tag with docker tag, and a build tagged stage-latest", async () => {
        const props = mutated(prodTrigger, (value) =>
            value.build.steps.push(bash("retag", DOCKER, 'docker build -t r/web:stage-latest web\ndocker tag r/web:sha-$COMMIT_SHA "r/web:prod"\n')),
        );
        assert.deepStrictEqual(await violations(disallowFloatingTags, TRIGGER, props), [
            `Cloud Build trigger "subject" step "retag" runs docker build "r/web:stage-latest", whose tag "stage-latest" can move to another image; ${fix}.`,
            `Cloud Build trigger "subject" step "retag" runs docker tag "r/web:prod", whose tag "prod" can move to another image; ${fix}.`,
        ]);
    });

    it("refuses a tag it cannot read, hidden in a variable", async () => {
        const props = mutated(prodTrigger, (value) => value.build.steps.push(bash("hidden", DOCKER, 'docker push "$reference"\n')));
        assert.deepStrictEqual(await violations(disallowFloatingTags, TRIGGER, props), [
            `Cloud Build trigger "subject" step "hidden" runs docker push "$reference", whose tag "$reference" can move to another image; ${fix}.`,
        ]);
    });

    it("reads plain args of the docker builder and gcloud tag commands, and build.images", async () => {
        const props = mutated(prodTrigger, (value) => {
            value.build.steps.push({ name: DOCKER, args: ["push", "r/api:v1"] });
            value.build.steps.push({ name: DOCKER, entrypoint: "gcloud", args: ["artifacts", "docker", "tags", "add", "r/api@sha256:" + "1".repeat(64), "r/api:prod"] });
            value.build.images = ["r/api:sha-$COMMIT_SHA", "r/api"];
        });
        assert.deepStrictEqual(await violations(disallowFloatingTags, TRIGGER, props), [
            `Cloud Build trigger "subject" step 3 runs docker push "r/api:v1", whose tag "v1" can move to another image; ${fix}.`,
            `Cloud Build trigger "subject" step 4 runs gcloud artifacts docker tags add "r/api:prod", whose tag "prod" can move to another image; ${fix}.`,
            `Cloud Build trigger "subject" pushes "r/api" after its steps (build.images), whose tag "latest" can move to another image; ${fix}.`,
        ]);
    });

    it("still judges the known steps next to one that is unknown during preview", async () => {
        const props = mutated(prodTrigger, (value) => {
            value.build.steps[0] = unknown.object;
            value.build.steps.push(bash("latest", DOCKER, "docker push r/api:latest\n"));
        });
        assert.deepStrictEqual(await violations(disallowFloatingTags, TRIGGER, props), [
            `Cloud Build trigger "subject" step "latest" runs docker push "r/api:latest", whose tag "latest" can move to another image; ${fix}.`,
        ]);
    });

    it("reports nothing while the whole build is unknown", async () => {
        const props = mutated(prodTrigger, (value) => (value.build = unknown.object));
        const outcome = await checkResource(disallowFloatingTags, TRIGGER, props);
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(String(outcome.notApplicable), /^cannot be checked yet: /);
    });

    it("is not applicable to other types", async () => {
        const outcome = await checkResource(disallowFloatingTags, "gcp:cloudrunv2/job:Job", { name: "bilko-api-migrate" });
        assert.deepStrictEqual(outcome, { violations: [], notApplicable: `applies only to ${TRIGGER}` });
    });
});

describe("cloudbuild-trigger-enforce-verified-provenance", () => {
    it("passes the baseline trigger", async () => {
        assert.deepStrictEqual(await violations(enforceVerifiedProvenance, TRIGGER, prodTrigger()), []);
    });

    it("refuses a build that does not request verified provenance, on any trigger", async () => {
        assert.deepStrictEqual(await violations(enforceVerifiedProvenance, TRIGGER, mutated(stageTrigger, (value) => delete value.build.options.requestedVerifyOption)), [
            'Cloud Build trigger "subject" requests no verification (NOT_VERIFIED, the default); set build.options.requestedVerifyOption to VERIFIED so Cloud Build records signed provenance of what it builds, or fails.',
        ]);
        assert.deepStrictEqual(await violations(enforceVerifiedProvenance, TRIGGER, mutated(prodTrigger, (value) => (value.build.options.requestedVerifyOption = "NOT_VERIFIED"))), [
            'Cloud Build trigger "subject" requests "NOT_VERIFIED"; set build.options.requestedVerifyOption to VERIFIED so Cloud Build records signed provenance of what it builds, or fails.',
        ]);
    });

    it("cannot judge options unknown during preview", async () => {
        const outcome = await checkResource(enforceVerifiedProvenance, TRIGGER, mutated(prodTrigger, (value) => (value.build.options = unknown.object)));
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", /can't be known during preview/);
    });
});
