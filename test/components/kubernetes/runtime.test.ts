import * as assert from "assert";
import * as path from "path";
import { migrationJobs } from "../../../components/pipeline/stackFacts";
import { parseStackConfig, StackConfigError } from "../../../config";
import type { PlannedResource, StackPlan } from "../../../offline/evaluate";
import { readStackFile } from "../../../config/stackFile";
import { COMMITTED_STACKS, edited, evaluate, PROJECT_DIR, resourceNamed, resourcesOfType } from "../../support/stacks";

const FIXTURE = path.join(PROJECT_DIR, "test/fixtures/kubernetes/prod-api-on-gke.yaml");
const fixtureValues = () => readStackFile(FIXTURE).values as Record<string, any>;

describe("a service on Kubernetes (fixture: prod with the API on GKE)", () => {
    const values = fixtureValues();
    const api = values["bilko:services"].api;
    let plan: StackPlan;
    let deployment: PlannedResource;
    let pod: any;
    before(async () => {
        plan = await evaluate("prod", values);
        deployment = resourceNamed(plan, "api-deployment");
        pod = deployment.inputs.spec.template.spec;
    });

    it("runs the Deployment from the registry, pinned by the configured digest, pulled IfNotPresent", () => {
        const app = pod.containers[0];
        assert.strictEqual(app.image, `europe-north1-docker.pkg.dev/tribal-sign-487920-k0/bilko/api@${api.digest}`);
        assert.strictEqual(app.imagePullPolicy, "IfNotPresent");
        assert.strictEqual(deployment.inputs.spec.replicas, 3);
        assert.deepStrictEqual(deployment.inputs.spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } });
        assert.strictEqual(deployment.inputs.metadata.namespace, "bilko-prod");
    });

    it("probes readiness and liveness on the health path and hardens every container", () => {
        const app = pod.containers[0];
        assert.deepStrictEqual(app.readinessProbe.httpGet, { path: "/api/v1/health", port: 8080 });
        assert.deepStrictEqual(app.livenessProbe.httpGet, { path: "/api/v1/health", port: 8080 });
        for (const container of [...pod.containers, ...pod.initContainers]) {
            assert.deepStrictEqual(container.securityContext, { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } }, container.name);
            assert.ok(container.resources.requests && container.resources.limits, `${container.name} has requests and limits`);
        }
        assert.deepStrictEqual(app.resources.requests, { cpu: "500m", memory: "1Gi" });
    });

    it("passes secrets only by reference", () => {
        const env = pod.containers[0].env as any[];
        assert.deepStrictEqual(env.find((e) => e.name === "JWT_SECRET"), { name: "JWT_SECRET", valueFrom: { secretKeyRef: { name: "bilko-jwt-secret", key: "value" } } });
        assert.deepStrictEqual(env.find((e) => e.name === "DB_PASSWORD").valueFrom.secretKeyRef, { name: "bilko-db-bilko-app-password", key: "value" });
        assert.strictEqual(env.find((e) => e.name === "CORS_ORIGINS").value, "https://bilko.alai.no");
    });

    it("reaches Cloud SQL through an Auth Proxy sidecar under Workload Identity", () => {
        const [proxy] = pod.initContainers;
        assert.strictEqual(proxy.restartPolicy, "Always");
        assert.strictEqual(proxy.image, values["bilko:kubernetes"].sqlProxyImage);
        assert.ok(proxy.args.includes("tribal-sign-487920-k0:europe-north1:bilko-db"));
        assert.ok(proxy.args.includes("--private-ip"), "prod's instance has a private IP only: the sidecar dials it");
        const dbHost = (pod.containers[0].env as any[]).find((e) => e.name === "DB_HOST");
        assert.strictEqual(dbHost.value, "/cloudsql/tribal-sign-487920-k0:europe-north1:bilko-db", "the pod itself uses the sidecar's socket");
        assert.strictEqual(pod.serviceAccountName, "bilko-api");
        const ksa = resourceNamed(plan, "api-ksa");
        assert.strictEqual(ksa.inputs.metadata.annotations["iam.gke.io/gcp-service-account"], "bilko-api-prod@tribal-sign-487920-k0.iam.gserviceaccount.com");
        assert.strictEqual(resourceNamed(plan, "api-workload-identity").inputs.member, "serviceAccount:tribal-sign-487920-k0.svc.id.goog[bilko-prod/bilko-api]");
    });

    it("runs the migration Job, named from the migrator digest, with the migrator image and Flyway's env before the Deployment moves", () => {
        const job = resourceNamed(plan, "api-migration");
        assert.strictEqual(job.inputs.metadata.name, `bilko-api-migrate-${api.migrations.digest.slice(7, 19)}`);
        const container = job.inputs.spec.template.spec.containers[0];
        assert.strictEqual(container.image, pod.containers[0].image.replace(/\/api@sha256:.*$/, `/api-migrator@${api.migrations.digest}`));
        assert.deepStrictEqual([container.command, container.args], [undefined, ["migrate"]]);
        assert.deepStrictEqual(container.env.map((env: { name: string }) => env.name), ["FLYWAY_CONNECT_RETRIES", "FLYWAY_LOCATIONS", "FLYWAY_URL", "FLYWAY_USER", "FLYWAY_PASSWORD"]);
        assert.strictEqual(job.inputs.spec.template.spec.initContainers[0].name, "cloud-sql-proxy", "the socket FLYWAY_URL names comes from the sidecar");
        assert.strictEqual(job.inputs.spec.template.spec.restartPolicy, "Never");
        assert.ok(deployment.options.dependsOn.includes("kubernetes:batch/v1:Job::api-migration"), deployment.options.dependsOn.join(", "));
    });

    it("runs its migrations only as that Job: no Cloud Run job, and nothing for the pipeline to execute first", () => {
        assert.deepStrictEqual(resourcesOfType(plan, "gcp:cloudrunv2/job:Job"), []);
        const config = parseStackConfig(fixtureValues(), { stack: "prod", knownStacks: COMMITTED_STACKS });
        assert.deepStrictEqual(migrationJobs("bilko", config), []);
    });

    it("exposes the Deployment through a Service and an HTTPS Ingress on a reserved address", () => {
        const service = resourceNamed(plan, "api-service");
        assert.deepStrictEqual(service.inputs.spec.selector, deployment.inputs.spec.selector.matchLabels);
        assert.strictEqual(service.inputs.spec.ports[0].targetPort, 8080);
        const ingress = resourceNamed(plan, "api-ingress");
        assert.strictEqual(ingress.inputs.spec.rules[0].host, "bilko-api.alai.no");
        assert.strictEqual(ingress.inputs.spec.rules[0].http.paths[0].backend.service.name, service.inputs.metadata.name);
        assert.strictEqual(ingress.inputs.metadata.annotations["kubernetes.io/ingress.global-static-ip-name"], resourceNamed(plan, "api-address").inputs.name);
        assert.deepStrictEqual(resourceNamed(plan, "api-certificate").inputs.spec.domains, ["bilko-api.alai.no"]);
    });

    it("puts the service's own Cloud Armor policy on the Ingress's backend (a BackendConfig), with request logging", () => {
        const service = resourceNamed(plan, "api-service").inputs;
        const backendConfig = resourceNamed(plan, "api-backend-config").inputs;
        assert.strictEqual(service.metadata.annotations["cloud.google.com/backend-config"], JSON.stringify({ default: service.metadata.name }));
        assert.strictEqual(backendConfig.metadata.name, service.metadata.name);
        assert.deepStrictEqual(backendConfig.spec, { securityPolicy: { name: resourceNamed(plan, "api-armor-policy").inputs.name }, logging: { enable: true, sampleRate: 1 } });
        assert.strictEqual(resourceNamed(plan, "api-armor-policy").inputs.name, "bilko-api-armor");
    });

    it("points the hostname's DNS record at the Ingress address, and maps no Cloud Run domain for it", () => {
        const record = resourcesOfType(plan, "cloudflare:index/dnsRecord:DnsRecord").find((r) => r.inputs.name === "bilko-api.alai.no");
        assert.deepStrictEqual([record?.inputs.type, record?.inputs.content], ["A", "203.0.113.80"]);
        assert.ok(!resourcesOfType(plan, "gcp:cloudrun/domainMapping:DomainMapping").some((m) => m.inputs.name === "bilko-api.alai.no"));
        assert.ok(!plan.resources.some((r) => r.name === "api-public-invoker"));
    });

    it("keeps the other service on Cloud Run", () => {
        assert.deepStrictEqual(resourcesOfType(plan, "gcp:cloudrunv2/service:Service").map((r) => r.inputs.name), ["bilko-web"]);
    });

    it("builds the kubeconfig from the GKE cluster, with no credential in it", () => {
        const provider = resourcesOfType(plan, "pulumi:providers:kubernetes")[0];
        const kubeconfig = JSON.parse(provider.inputs.kubeconfig);
        assert.strictEqual(kubeconfig.clusters[0].cluster.server, "https://198.51.100.7");
        assert.strictEqual(kubeconfig.users[0].user.exec.command, "gke-gcloud-auth-plugin");
    });

    it("keeps a kubeconfig given in config secret", async () => {
        const withKubeconfig = await evaluate(
            "prod",
            edited("prod", (v) => {
                Object.assign(v, fixtureValues());
                v["bilko:kubernetes"] = { ...v["bilko:kubernetes"], cluster: undefined, kubeconfig: "apiVersion: v1\nkind: Config\n" };
                delete v["bilko:kubernetes"].cluster;
            }),
        );
        assert.strictEqual(resourcesOfType(withKubeconfig, "pulumi:providers:kubernetes")[0].inputs.kubeconfig, "[secret]");
    });
});

describe("Kubernetes config refusals", () => {
    function refusal(edit: (values: Record<string, any>) => void): string {
        const values = fixtureValues();
        edit(values);
        try {
            parseStackConfig(values, { stack: "prod", knownStacks: COMMITTED_STACKS });
        } catch (error) {
            assert.ok(error instanceof StackConfigError);
            return error.message;
        }
        assert.fail("accepted");
    }

    it("a Kubernetes service without bilko:kubernetes", () => {
        assert.strictEqual(refusal((v) => delete v["bilko:kubernetes"]), 'Pulumi.prod.yaml: bilko:kubernetes: missing required key: service "api" has runtime: kubernetes');
    });

    it("both a cluster and a kubeconfig", () => {
        assert.strictEqual(
            refusal((v) => (v["bilko:kubernetes"].kubeconfig = "[secret]")),
            'Pulumi.prod.yaml: bilko:kubernetes: set exactly one of "cluster" (name + location) or "kubeconfig" (a secret)',
        );
    });

    it("a database service without the Auth Proxy image", () => {
        assert.match(refusal((v) => delete v["bilko:kubernetes"].sqlProxyImage), /^Pulumi\.prod\.yaml: bilko:kubernetes\.sqlProxyImage: missing required key: service "api" has database: true/);
    });

    it("an Auth Proxy image given by tag", () => {
        assert.match(refusal((v) => (v["bilko:kubernetes"].sqlProxyImage = "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.0")), /^Pulumi\.prod\.yaml: bilko:kubernetes\.sqlProxyImage: expected an image pinned by digest/);
    });

    it("replicas on a Cloud Run service", () => {
        assert.strictEqual(
            refusal((v) => (v["bilko:services"].web.replicas = 2)),
            "Pulumi.prod.yaml: bilko:services.web.replicas: applies to runtime: kubernetes; Cloud Run scales between minInstances and maxInstances",
        );
    });

    it("a private service on Kubernetes", () => {
        assert.match(refusal((v) => (v["bilko:services"].api.public = false)), /^Pulumi\.prod\.yaml: bilko:services\.api\.public: a Kubernetes service is published through its Ingress/);
    });

    it("an unknown runtime", () => {
        assert.strictEqual(refusal((v) => (v["bilko:services"].api.runtime = "lambda")), 'Pulumi.prod.yaml: bilko:services.api.runtime: expected one of "cloudrun", "kubernetes", got "lambda"');
    });

    it("a memory quantity without a unit", () => {
        assert.strictEqual(
            refusal((v) => (v["bilko:services"].api.resources.memory = "1024")),
            'Pulumi.prod.yaml: bilko:services.api.resources.memory: expected a memory quantity such as "512Mi" or "2Gi", got "1024"',
        );
    });
});
