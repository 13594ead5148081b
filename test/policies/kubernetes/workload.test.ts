import * as assert from "assert";
import * as path from "path";
import { enforceDigestImage, kubernetesPolicies, disallowPlainSecretEnv, enforceNonRootReadOnly, enforcePullIfNotPresent } from "../../../policies/kubernetes";
import { parseStackConfig, StackConfigError } from "../../../config";
import { readStackFile } from "../../../config/stackFile";
import { COMMITTED_STACKS, evaluate, PROJECT_DIR, resourceNamed } from "../../support/stacks";
import { checkResource, mutated, unknown, violations, type Props } from "../support";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const JOB = "kubernetes:batch/v1:Job";
const DIGEST = `sha256:${"b".repeat(64)}`;
const hardened = () => ({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });

/** A Deployment as the program declares it (app container and Cloud SQL proxy sidecar): passes every policy. */
function deployment(): Props {
    return {
        metadata: { name: "bilko-api", namespace: "bilko-prod" },
        spec: {
            template: {
                spec: {
                    securityContext: { runAsNonRoot: true },
                    initContainers: [{ name: "cloud-sql-proxy", image: `gcr.io/cloud-sql-connectors/cloud-sql-proxy@${DIGEST}`, imagePullPolicy: "IfNotPresent", securityContext: hardened() }],
                    containers: [
                        {
                            name: "app",
                            image: `europe-north1-docker.pkg.dev/p/bilko/api@${DIGEST}`,
                            imagePullPolicy: "IfNotPresent",
                            securityContext: hardened(),
                            env: [
                                { name: "DB_USER", value: "bilko_app" },
                                { name: "JWT_SECRET", valueFrom: { secretKeyRef: { name: "bilko-jwt-secret", key: "value" } } },
                            ],
                        },
                    ],
                },
            },
        },
    };
}

const app = (edit: (container: Props) => void) => mutated(deployment, (props) => edit(props.spec.template.spec.containers[0]));
const SUBJECT = 'Kubernetes Deployment "bilko-prod/bilko-api"';

describe("Kubernetes workload policies", () => {
    for (const policy of kubernetesPolicies) {
        it(`${policy.name} passes the baseline Deployment`, async () => {
            assert.deepStrictEqual(await violations(policy, DEPLOYMENT, deployment()), []);
        });

        it(`${policy.name} also judges Jobs, whose pod spec sits at the same path`, async () => {
            assert.deepStrictEqual(await violations(policy, JOB, deployment()), []);
        });

        it(`${policy.name} is not applicable to other types`, async () => {
            const outcome = await checkResource(policy, "kubernetes:core/v1:Service", deployment());
            assert.strictEqual(outcome.violations.length, 0);
            assert.match(outcome.notApplicable ?? "", /^applies only to kubernetes:apps\/v1:Deployment, /);
        });
    }
});

describe("kubernetes-workload-enforce-digest-image", () => {
    it("refuses an app image referenced by tag", async () => {
        assert.deepStrictEqual(await violations(enforceDigestImage, DEPLOYMENT, app((c) => (c.image = "europe-north1-docker.pkg.dev/p/bilko/api:latest"))), [
            `${SUBJECT} runs container "app" from image "europe-north1-docker.pkg.dev/p/bilko/api:latest", which is not pinned by digest; use <repository path>@sha256:<64 hex digits>, never a tag.`,
        ]);
    });

    it("refuses a sidecar referenced by tag", async () => {
        const props = mutated(deployment, (p) => (p.spec.template.spec.initContainers[0].image = "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.0"));
        assert.deepStrictEqual(await violations(enforceDigestImage, DEPLOYMENT, props), [
            `${SUBJECT} runs init container "cloud-sql-proxy" from image "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.0", which is not pinned by digest; use <repository path>@sha256:<64 hex digits>, never a tag.`,
        ]);
    });

    it("cannot judge an image unknown during preview, and says so instead of reporting", async () => {
        const outcome = await checkResource(enforceDigestImage, DEPLOYMENT, app((c) => (c.image = unknown.string)));
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", /^cannot be checked yet: string value at \.spec\.template\.spec\.containers\.0\.image/);
    });
});

describe("kubernetes-workload-enforce-pull-if-not-present", () => {
    it("refuses Always", async () => {
        assert.deepStrictEqual(await violations(enforcePullIfNotPresent, DEPLOYMENT, app((c) => (c.imagePullPolicy = "Always"))), [
            `${SUBJECT} has imagePullPolicy "Always" on container "app"; set imagePullPolicy: IfNotPresent so pods start from the node's copy of the pinned image.`,
        ]);
    });

    it("refuses an unset policy", async () => {
        assert.deepStrictEqual(await violations(enforcePullIfNotPresent, DEPLOYMENT, app((c) => delete c.imagePullPolicy)), [
            `${SUBJECT} has imagePullPolicy unset (Always for some images) on container "app"; set imagePullPolicy: IfNotPresent so pods start from the node's copy of the pinned image.`,
        ]);
    });
});

describe("kubernetes-workload-enforce-non-root-read-only", () => {
    it("refuses a container that may run as root", async () => {
        const props = mutated(deployment, (p) => {
            delete p.spec.template.spec.securityContext;
            delete p.spec.template.spec.containers[0].securityContext.runAsNonRoot;
        });
        assert.deepStrictEqual(await violations(enforceNonRootReadOnly, DEPLOYMENT, props), [
            `${SUBJECT} does not require container "app" to run as non-root; set securityContext.runAsNonRoot: true (and a non-root USER in the image).`,
        ]);
    });

    it("accepts runAsNonRoot from the pod when the container does not override it", async () => {
        assert.deepStrictEqual(await violations(enforceNonRootReadOnly, DEPLOYMENT, app((c) => delete c.securityContext.runAsNonRoot)), []);
    });

    it("refuses a container that overrides the pod with runAsNonRoot: false", async () => {
        assert.deepStrictEqual(await violations(enforceNonRootReadOnly, DEPLOYMENT, app((c) => (c.securityContext.runAsNonRoot = false))), [
            `${SUBJECT} does not require container "app" to run as non-root; set securityContext.runAsNonRoot: true (and a non-root USER in the image).`,
        ]);
    });

    it("refuses a writable root filesystem", async () => {
        assert.deepStrictEqual(await violations(enforceNonRootReadOnly, DEPLOYMENT, app((c) => (c.securityContext.readOnlyRootFilesystem = false))), [
            `${SUBJECT} lets container "app" write its root filesystem; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it must write.`,
        ]);
    });
});

describe("kubernetes-workload-disallow-plain-secret-env", () => {
    it("refuses a credential as a literal", async () => {
        assert.deepStrictEqual(await violations(disallowPlainSecretEnv, DEPLOYMENT, app((c) => c.env.push({ name: "STRIPE_API_KEY", value: "sk_live" }))), [
            `${SUBJECT} sets STRIPE_API_KEY, which looks like a credential, as a literal on container "app"; put it in a Secret and use valueFrom.secretKeyRef.`,
        ]);
    });

    it("refuses a credential literal even when its value is unknown during preview", async () => {
        assert.strictEqual((await violations(disallowPlainSecretEnv, DEPLOYMENT, app((c) => c.env.push({ name: "DB_PASSWORD", value: unknown.string })))).length, 1);
    });

    it("refuses a literal whose value looks like a credential, whatever its name", async () => {
        assert.deepStrictEqual(await violations(disallowPlainSecretEnv, DEPLOYMENT, app((c) => c.env.push({ name: "SLACK_HOOK", value: "xoxb-000000000000-SYNTHETIC" }))), [
            `${SUBJECT} sets SLACK_HOOK to a literal that looks like a Slack token on container "app"; put it in a Secret and use valueFrom.secretKeyRef.`,
        ]);
    });

    it("skips an env entry unknown during preview and still judges the others", async () => {
        const props = app((c) => c.env.push(unknown.object, { name: "API_TOKEN", value: "t" }));
        assert.deepStrictEqual(await violations(disallowPlainSecretEnv, DEPLOYMENT, props), [
            `${SUBJECT} sets API_TOKEN, which looks like a credential, as a literal on container "app"; put it in a Secret and use valueFrom.secretKeyRef.`,
        ]);
    });
});

describe("Kubernetes policies against the fixture stack's own Deployment", () => {
    const fixture = path.join(PROJECT_DIR, "test/fixtures/kubernetes/prod-api-on-gke.yaml");
    let planned: Props;
    before(async () => {
        planned = resourceNamed(await evaluate("prod", readStackFile(fixture).values), "api-deployment").inputs;
    });

    it("the program's Deployment passes every Kubernetes policy", async () => {
        for (const policy of kubernetesPolicies) {
            assert.deepStrictEqual(await violations(policy, DEPLOYMENT, planned), [], policy.name);
        }
    });

    it("the same Deployment with imagePullPolicy Always is refused", async () => {
        const refused = JSON.parse(JSON.stringify(planned));
        refused.spec.template.spec.containers[0].imagePullPolicy = "Always";
        assert.match((await violations(enforcePullIfNotPresent, DEPLOYMENT, refused))[0], /^Kubernetes Deployment "bilko-prod\/bilko-api" has imagePullPolicy "Always" on container "app"/);
    });

    it("the same Deployment running as root is refused", async () => {
        const refused = JSON.parse(JSON.stringify(planned));
        refused.spec.template.spec.securityContext.runAsNonRoot = false;
        refused.spec.template.spec.containers[0].securityContext.runAsNonRoot = undefined;
        assert.match((await violations(enforceNonRootReadOnly, DEPLOYMENT, refused))[0], /does not require container "app" to run as non-root/);
    });

    for (const [edit, key] of [
        [(v: any) => (v["bilko:services"].api.digest = "latest"), "bilko:services.api.digest"],
        [(v: any) => (v["bilko:services"].api.env = { SENTRY_DSN: "https://k@o.ingest.sentry.io/1" }), "bilko:services.api.env.SENTRY_DSN"],
        [(v: any) => (v["bilko:kubernetes"].sqlProxyImage = "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2"), "bilko:kubernetes.sqlProxyImage"],
    ] as const) {
        it(`config cannot reach the workload policies: the schema refuses ${key} first`, () => {
            const values = readStackFile(fixture).values as Record<string, any>;
            edit(values);
            assert.throws(() => parseStackConfig(values, { stack: "prod", file: "prod-api-on-gke.yaml", knownStacks: COMMITTED_STACKS }), (error: Error) => {
                assert.ok(error instanceof StackConfigError);
                assert.strictEqual(error.key, key);
                return true;
            });
        });
    }
});
