import * as assert from "assert";
import { gkeKubeconfig, kubernetesSecretName, migrationJobObjectName, migrationJobSpec, podSpec, type PodInput } from "../../../components/kubernetes/workload";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
const pod: PodInput = {
    image: `r/api@${DIGEST}`,
    port: 8080,
    healthPath: "/health",
    resources: { cpu: "250m", memory: "256Mi" },
    env: { plain: [{ name: "A", value: "1" }], secret: [{ name: "JWT_SECRET", secret: "Bilko_JWT", version: "latest" }] },
    serviceAccountName: "bilko-api",
};

describe("Kubernetes workload builders", () => {
    it("name one migration Job per digest", () => {
        assert.strictEqual(migrationJobObjectName("bilko-api", DIGEST), "bilko-api-migrate-0123456789ab");
        assert.notStrictEqual(migrationJobObjectName("bilko-api", DIGEST), migrationJobObjectName("bilko-api", `sha256:${"f".repeat(64)}`));
    });

    it("turn Secret Manager ids into Kubernetes object names", () => {
        assert.strictEqual(kubernetesSecretName("Bilko_JWT"), "bilko-jwt");
    });

    it("add the Cloud SQL proxy sidecar and its socket volume only for database services", () => {
        const plain = podSpec(pod) as any;
        assert.deepStrictEqual(plain.initContainers, []);
        assert.deepStrictEqual(plain.volumes.map((v: any) => v.name), ["tmp"]);
        const withDatabase = podSpec({ ...pod, sqlProxy: { image: `proxy@${DIGEST}`, connectionName: "p:r:db" } }) as any;
        assert.strictEqual(withDatabase.initContainers[0].name, "cloud-sql-proxy");
        assert.deepStrictEqual(withDatabase.volumes.map((v: any) => v.name), ["tmp", "cloudsql"]);
        assert.ok(withDatabase.containers[0].volumeMounts.some((m: any) => m.mountPath === "/cloudsql"));
        assert.deepStrictEqual(withDatabase.initContainers[0].args, ["--structured-logs", "--unix-socket=/cloudsql", "p:r:db"]);
    });

    it("let the sidecar dial the private IP of an instance without a public one", () => {
        const spec = podSpec({ ...pod, sqlProxy: { image: `proxy@${DIGEST}`, connectionName: "p:r:db", privateIp: true } }) as any;
        assert.deepStrictEqual(spec.initContainers[0].args, ["--structured-logs", "--private-ip", "--unix-socket=/cloudsql", "p:r:db"]);
    });

    it("give a Job the arguments of its image's entrypoint and no probes or ports, and never restart it", () => {
        const spec = migrationJobSpec(podSpec({ ...pod, job: { args: ["migrate"] } })) as any;
        const container = spec.template.spec.containers[0];
        assert.deepStrictEqual([container.command, container.args], [undefined, ["migrate"]]);
        assert.strictEqual(container.readinessProbe, undefined);
        assert.strictEqual(container.ports, undefined);
        assert.strictEqual(spec.template.spec.restartPolicy, "Never");
        assert.strictEqual(spec.backoffLimit, 0);
    });

    it("build a kubeconfig that authenticates through gke-gcloud-auth-plugin, holding no token", () => {
        const config = JSON.parse(gkeKubeconfig({ name: "c", endpoint: "10.0.0.1", caCertificate: "Q0E=" }));
        assert.strictEqual(config.clusters[0].cluster.server, "https://10.0.0.1");
        assert.strictEqual(config.clusters[0].cluster["certificate-authority-data"], "Q0E=");
        assert.strictEqual(config.users[0].user.exec.command, "gke-gcloud-auth-plugin");
        assert.ok(!JSON.stringify(config).includes("token"));
    });
});
