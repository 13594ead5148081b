import * as assert from "assert";
import {
    cloudRunServicePolicies,
    disallowDefaultServiceAccount,
    enforceDigestImage,
    enforceTrafficTotal,
    disallowPlainSecretEnv,
    enableDeletionProtection,
    enableBinaryAuthorization,
    enableJobBinaryAuthorization,
    missingStartupProbe,
} from "../../../policies/cloudrun";
import { checkResource, mutated, unknown, violations, type Props } from "../support";

const SERVICE = "gcp:cloudrunv2/service:Service";
const DIGEST = `sha256:${"a".repeat(64)}`;
const IMAGE = `europe-north1-docker.pkg.dev/bilko-project/bilko/api@${DIGEST}`;

/** A prod service as the program declares it: passes every Cloud Run policy. */
function service(): Props {
    return {
        project: "bilko-project",
        location: "europe-north1",
        name: "bilko-api",
        deletionProtection: true,
        binaryAuthorization: { useDefault: true },
        labels: { app: "bilko", environment: "prod", service: "api", public: "true" },
        template: {
            serviceAccount: "bilko-api-prod@bilko-project.iam.gserviceaccount.com",
            containers: [
                {
                    name: "api",
                    image: IMAGE,
                    envs: [
                        { name: "DB_USER", value: "bilko_app" },
                        { name: "NEXT_PUBLIC_API_KEY", value: "shipped-to-browsers" },
                        { name: "JWT_SECRET", valueSource: { secretKeyRef: { secret: "bilko-jwt-secret", version: "latest" } } },
                    ],
                    startupProbe: { httpGet: { path: "/api/v1/health", port: 8080 } },
                },
            ],
        },
        traffics: [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 100 }],
    };
}

const withContainer = (edit: (container: Props) => void) => mutated(service, (props) => edit(props.template.containers[0]));

describe("Cloud Run service policies", () => {
    for (const policy of cloudRunServicePolicies.filter((candidate) => "validateResource" in candidate)) {
        it(`${policy.name} passes the baseline service`, async () => {
            assert.deepStrictEqual(await violations(policy, SERVICE, service()), []);
        });

        it(`${policy.name} is not applicable to other types`, async () => {
            const outcome = await checkResource(policy, "gcp:cloudrun/service:Service", service());
            assert.deepStrictEqual(outcome, { violations: [], notApplicable: `applies only to ${SERVICE}` });
        });
    }
});

describe("cloudrun-service-enforce-digest-image", () => {
    it("refuses an image referenced by tag", async () => {
        const props = withContainer((container) => (container.image = "europe-north1-docker.pkg.dev/bilko-project/bilko/api:latest"));
        assert.deepStrictEqual(await violations(enforceDigestImage, SERVICE, props), [
            'Cloud Run service "subject" runs image "europe-north1-docker.pkg.dev/bilko-project/bilko/api:latest", which is not pinned by digest; deploy it as <repository path>@sha256:<64 hex digits>, never by tag.',
        ]);
    });

    it("refuses a tag next to the digest, which hides what is deployed", async () => {
        const props = withContainer((container) => (container.image = `europe-north1-docker.pkg.dev/bilko-project/bilko/api:v1@${DIGEST}`));
        assert.deepStrictEqual(await violations(enforceDigestImage, SERVICE, props), [
            `Cloud Run service "subject" runs image "europe-north1-docker.pkg.dev/bilko-project/bilko/api:v1@${DIGEST}", which is not pinned by digest; deploy it as <repository path>@sha256:<64 hex digits>, never by tag.`,
        ]);
    });

    it("cannot judge an image unknown during preview, and says so instead of reporting", async () => {
        const outcome = await checkResource(enforceDigestImage, SERVICE, withContainer((container) => (container.image = unknown.string)));
        assert.deepStrictEqual(outcome, {
            violations: [],
            notApplicable: "cannot be checked yet: string value at .template.containers.0.image can't be known during preview",
        });
    });
});

describe("cloudrun-service-enable-binary-authorization", () => {
    it("refuses a prod service that deploys any image", async () => {
        assert.deepStrictEqual(await violations(enableBinaryAuthorization, SERVICE, mutated(service, (value) => delete value.binaryAuthorization)), [
            'Cloud Run service "subject" is labelled environment=prod but deploys any image: set binaryAuthorization.useDefault to true (bilko:binaryAuthorization) so only images Cloud Build built and attested run.',
        ]);
        assert.strictEqual((await violations(enableBinaryAuthorization, SERVICE, mutated(service, (value) => (value.binaryAuthorization.useDefault = false)))).length, 1);
    });

    it("refuses breaking glass in prod", async () => {
        const props = mutated(service, (value) => (value.binaryAuthorization.breakglassJustification = "incident 42"));
        assert.deepStrictEqual(await violations(enableBinaryAuthorization, SERVICE, props), [
            'Cloud Run service "subject" is labelled environment=prod but breaks glass ("incident 42"), which deploys an image the policy would refuse; remove breakglassJustification and deploy an attested image.',
        ]);
    });

    it("accepts a named platform policy, and leaves stage alone", async () => {
        assert.deepStrictEqual(await violations(enableBinaryAuthorization, SERVICE, mutated(service, (value) => (value.binaryAuthorization = { policy: "projects/p/platforms/cloudRun/policies/bilko" }))), []);
        const stage = mutated(service, (value) => {
            value.labels.environment = "stage";
            delete value.binaryAuthorization;
        });
        assert.deepStrictEqual(await violations(enableBinaryAuthorization, SERVICE, stage), []);
    });
});

describe("cloudrun-job-enable-binary-authorization", () => {
    const JOB = "gcp:cloudrunv2/job:Job";
    const job = () => ({ project: "bilko-project", location: "europe-north1", name: "bilko-api-migrate", labels: { app: "bilko", environment: "prod" }, binaryAuthorization: { useDefault: true }, template: {} });

    it("passes the migrations job as the program declares it in prod", async () => {
        assert.deepStrictEqual(await violations(enableJobBinaryAuthorization, JOB, job()), []);
    });

    it("refuses a prod job that runs any image", async () => {
        assert.deepStrictEqual(await violations(enableJobBinaryAuthorization, JOB, mutated(job, (value: Props) => delete value.binaryAuthorization)), [
            'Cloud Run job "subject" is labelled environment=prod but deploys any image: set binaryAuthorization.useDefault to true (bilko:binaryAuthorization) so only images Cloud Build built and attested run.',
        ]);
    });

    it("is not applicable to services", async () => {
        assert.deepStrictEqual((await checkResource(enableJobBinaryAuthorization, SERVICE, service())).notApplicable, `applies only to ${JOB}`);
    });
});

describe("cloudrun-service-disallow-default-service-account", () => {
    it("refuses a service with no service account (the default compute one)", async () => {
        const props = mutated(service, (value) => delete value.template.serviceAccount);
        assert.deepStrictEqual(await violations(disallowDefaultServiceAccount, SERVICE, props), [
            'Cloud Run service "subject" runs as the default compute service account (template.serviceAccount is unset); create a service account for this service alone and set template.serviceAccount to its email.',
        ]);
    });

    it("refuses the default compute service account named explicitly", async () => {
        const props = mutated(service, (value) => (value.template.serviceAccount = "123456789012-compute@developer.gserviceaccount.com"));
        assert.deepStrictEqual(await violations(disallowDefaultServiceAccount, SERVICE, props), [
            'Cloud Run service "subject" runs as the default service account "123456789012-compute@developer.gserviceaccount.com"; create a service account for this service alone and set template.serviceAccount to its email.',
        ]);
    });

    it("refuses the App Engine default service account", async () => {
        const props = mutated(service, (value) => (value.template.serviceAccount = "bilko-project@appspot.gserviceaccount.com"));
        assert.deepStrictEqual(await violations(disallowDefaultServiceAccount, SERVICE, props), [
            'Cloud Run service "subject" runs as the default service account "bilko-project@appspot.gserviceaccount.com"; create a service account for this service alone and set template.serviceAccount to its email.',
        ]);
    });

    it("reports nothing while a new service account's email is unknown", async () => {
        const outcome = await checkResource(disallowDefaultServiceAccount, SERVICE, mutated(service, (value) => (value.template.serviceAccount = unknown.string)));
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", /\.template\.serviceAccount can't be known during preview$/);
    });
});

describe("cloudrun-service-disallow-plain-secret-env", () => {
    it("refuses a credential-looking variable with a plain value", async () => {
        const props = withContainer((container) => container.envs.push({ name: "STRIPE_API_KEY", value: "sk_live_123" }));
        assert.deepStrictEqual(await violations(disallowPlainSecretEnv, SERVICE, props), [
            'Cloud Run service "subject" sets STRIPE_API_KEY, which looks like a credential, as a plain value; store it in Secret Manager and reference it with valueSource.secretKeyRef.',
        ]);
    });

    it("refuses a plain value even while the value itself is unknown: plain is plain", async () => {
        const props = withContainer((container) => container.envs.push({ name: "DATABASE_URL", value: unknown.string }));
        assert.deepStrictEqual(await violations(disallowPlainSecretEnv, SERVICE, props), [
            'Cloud Run service "subject" sets DATABASE_URL, which looks like a credential, as a plain value; store it in Secret Manager and reference it with valueSource.secretKeyRef.',
        ]);
    });

    it("refuses a plain value that looks like a credential, whatever the variable is called", async () => {
        const props = withContainer((container) => container.envs.push({ name: "STRIPE_SK", value: "sk_live_SYNTHETICnotARealKey00000" }, { name: "SMTP_PASS", value: "tZ4f9Qx2Lk8Wm3Nb7Vc1Rp6Ys0Hd5Jg" }));
        assert.deepStrictEqual(await violations(disallowPlainSecretEnv, SERVICE, props), [
            'Cloud Run service "subject" sets STRIPE_SK to a plain value that looks like a Stripe secret key; store it in Secret Manager and reference it with valueSource.secretKeyRef.',
            'Cloud Run service "subject" sets SMTP_PASS to a plain value that looks like a high-entropy literal (a key or password, by the look of it); store it in Secret Manager and reference it with valueSource.secretKeyRef.',
        ]);
    });

    it("still judges the known variables when another one is unknown", async () => {
        const props = withContainer((container) => container.envs.push(unknown.object, { name: "name-unknown", value: "x" }, { name: "DB_PASSWORD", value: "hunter2" }));
        props.template.containers[0].envs[4].name = unknown.string;
        assert.deepStrictEqual(await violations(disallowPlainSecretEnv, SERVICE, props), [
            'Cloud Run service "subject" sets DB_PASSWORD, which looks like a credential, as a plain value; store it in Secret Manager and reference it with valueSource.secretKeyRef.',
        ]);
    });
});

describe("cloudrun-service-enforce-traffic-total", () => {
    it("refuses traffic that adds up to less than 100", async () => {
        const props = mutated(service, (value) => (value.traffics = [{ revision: "bilko-api-00002", percent: 90 }, { revision: "bilko-api-00001" }]));
        assert.deepStrictEqual(await violations(enforceTrafficTotal, SERVICE, props), [
            'Cloud Run service "subject" assigns 90% of its traffic (90 + 0); the traffics percentages must add up to exactly 100: give the remaining 10% to a revision.',
        ]);
    });

    it("refuses traffic that adds up to more than 100", async () => {
        const props = mutated(service, (value) => value.traffics.push({ revision: "bilko-api-00001", percent: 20 }));
        assert.deepStrictEqual(await violations(enforceTrafficTotal, SERVICE, props), [
            'Cloud Run service "subject" assigns 120% of its traffic (100 + 20); the traffics percentages must add up to exactly 100: take 20% away from the targets.',
        ]);
    });

    it("accepts no traffics at all (Cloud Run sends everything to the latest revision)", async () => {
        assert.deepStrictEqual(await violations(enforceTrafficTotal, SERVICE, mutated(service, (value) => delete value.traffics)), []);
    });

    it("reports nothing while a percentage is unknown", async () => {
        const outcome = await checkResource(enforceTrafficTotal, SERVICE, mutated(service, (value) => (value.traffics[0].percent = unknown.number)));
        assert.deepStrictEqual(outcome.violations, []);
        assert.strictEqual(outcome.notApplicable, "cannot be checked yet: number value at .traffics.0.percent can't be known during preview");
    });
});

describe("cloudrun-service-enable-deletion-protection", () => {
    it("refuses a prod service with deletion protection off", async () => {
        const props = mutated(service, (value) => (value.deletionProtection = false));
        assert.deepStrictEqual(await violations(enableDeletionProtection, SERVICE, props), [
            'Cloud Run service "subject" is labelled environment=prod but has deletionProtection: false; set it to true so no update can delete the production service.',
        ]);
    });

    it("accepts it unset, which the provider treats as protected", async () => {
        assert.deepStrictEqual(await violations(enableDeletionProtection, SERVICE, mutated(service, (value) => delete value.deletionProtection)), []);
    });

    it("accepts deletion protection off outside prod", async () => {
        const props = mutated(service, (value) => {
            value.deletionProtection = false;
            value.labels.environment = "stage";
        });
        assert.deepStrictEqual(await violations(enableDeletionProtection, SERVICE, props), []);
    });

    it("reports nothing while the environment label is unknown", async () => {
        const props = mutated(service, (value) => {
            value.deletionProtection = false;
            value.labels.environment = unknown.string;
        });
        const outcome = await checkResource(enableDeletionProtection, SERVICE, props);
        assert.deepStrictEqual(outcome.violations, []);
        assert.strictEqual(outcome.notApplicable, "cannot be checked yet: string value at .labels.environment can't be known during preview");
    });
});

describe("cloudrun-service-missing-startup-probe", () => {
    it("advises a startup probe on a named container", async () => {
        const props = withContainer((container) => delete container.startupProbe);
        assert.deepStrictEqual(await violations(missingStartupProbe, SERVICE, props), [
            'Cloud Run service "subject" has no startup probe on container "api"; add startupProbe with an HTTP check of the health path.',
        ]);
    });

    it("names an unnamed container by position", async () => {
        const props = withContainer((container) => {
            delete container.startupProbe;
            delete container.name;
        });
        assert.deepStrictEqual(await violations(missingStartupProbe, SERVICE, props), [
            'Cloud Run service "subject" has no startup probe on container #1; add startupProbe with an HTTP check of the health path.',
        ]);
    });

    it("is advisory", () => {
        assert.strictEqual(missingStartupProbe.enforcementLevel, "advisory");
    });
});
