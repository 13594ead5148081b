/**
 * The real pack, loaded the way `pulumi preview --policy-pack policies` loads it (the Node policy runner compiles
 * policies/index.ts with the project's TypeScript) and asked over gRPC what the Pulumi engine would ask it.
 */
import * as assert from "assert";
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
// Transitive dependencies of @pulumi/pulumi: the engine's wire protocol, only needed to play the engine here.
import * as grpc from "@grpc/grpc-js";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { policies } from "../../policies/all";
import { checkedResources } from "../../offline/policyCheck";
import { plannedStack, PROJECT_DIR } from "../support/stacks";
import { instance } from "./cloudsql/support";
import { mutated, unknown } from "./support";

const RUN_POLICY_PACK = path.join(PROJECT_DIR, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");

function startPack(): Promise<{ child: ChildProcess; port: string }> {
    const child = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:0", "."], { cwd: path.join(PROJECT_DIR, "policies") });
    let stdout = "";
    let stderr = "";
    return new Promise((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
            const port = /^(\d+)\n/.exec(stdout)?.[1];
            if (port) {
                resolve({ child, port });
            }
        });
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("exit", (code) => reject(new Error(`the policy pack exited with ${code}:\n${stderr}`)));
    });
}

function call<Request, Response>(method: (request: Request, callback: (error: grpc.ServiceError | null, response: Response) => void) => unknown, request: Request): Promise<Response> {
    return new Promise((resolve, reject) => method(request, (error, response) => (error ? reject(error) : resolve(response))));
}

function analyzeRequest(type: string, name: string, props: Record<string, unknown>): analyzer.AnalyzeRequest {
    return new analyzer.AnalyzeRequest()
        .setType(type)
        .setName(name)
        .setUrn(`urn:pulumi:prod::bilko::${type}::${name}`)
        .setProperties(Struct.fromJavaScript(props as never))
        .setOptions(new analyzer.AnalyzerResourceOptions());
}

function analyze(client: AnalyzerClient, request: analyzer.AnalyzeRequest): Promise<analyzer.AnalyzeResponse> {
    return call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(client.analyze.bind(client), request);
}

const diagnostics = (response: analyzer.AnalyzeResponse) => response.getDiagnosticsList().map((diagnostic) => `${diagnostic.getPolicyname()}: ${diagnostic.getMessage()}`);

describe("the bilko-guard pack under the Pulumi policy runner", function () {
    this.timeout(90000);
    let pack: { child: ChildProcess; port: string };
    let client: AnalyzerClient;

    before(async () => {
        pack = await startPack();
        client = new AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        pack?.child.kill();
    });

    it("serves every policy of policies/all.ts with its enforcement level", async () => {
        const info = await call<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty());
        assert.strictEqual(info.getName(), "bilko-guard");
        const levels = ["advisory", "mandatory", "disabled", "remediate"];
        const served = info.getPoliciesList().map((policy) => `${policy.getName()} ${levels[policy.getEnforcementlevel()]}`);
        assert.deepStrictEqual(served, policies.map((policy) => `${policy.name} ${policy.enforcementLevel}`));
    });

    it("finds nothing to refuse in the committed prod stack", async () => {
        const plan = await plannedStack("prod");
        const resources = checkedResources(plan).map((resource) =>
            new analyzer.AnalyzerResource()
                .setType(resource.type)
                .setName(resource.name)
                .setUrn(resource.urn)
                .setParent(resource.opts.parent ?? "")
                .setProperties(Struct.fromJavaScript(resource.props as never))
                .setOptions(new analyzer.AnalyzerResourceOptions().setProtect(resource.opts.protect)),
        );
        const stack = await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(client.analyzeStack.bind(client), new analyzer.AnalyzeStackRequest().setResourcesList(resources));
        assert.deepStrictEqual(diagnostics(stack), []);
        for (const resource of resources) {
            const request = analyzeRequest(resource.getType(), resource.getName(), resource.getProperties()!.toJavaScript());
            assert.deepStrictEqual(diagnostics(await analyze(client, request)), [], resource.getName());
        }
    });

    it("refuses a zonal prod database, and requires POSTGRES_16 even when the engine sends no pack config", async () => {
        const props = mutated(instance, (baseline) => {
            baseline.databaseVersion = "POSTGRES_15";
            baseline.settings.availabilityType = "ZONAL";
        });
        const response = await analyze(client, analyzeRequest("gcp:sql/databaseInstance:DatabaseInstance", "database-instance", props));
        assert.deepStrictEqual(diagnostics(response), [
            "cloudsql-instance-enforce-postgres-version: Cloud SQL instances run the PostgreSQL major version the pack requires (requiredPostgresVersion).\n" +
                'Cloud SQL instance "database-instance" runs POSTGRES_15 but the pack requires POSTGRES_16 (requiredPostgresVersion); set databaseVersion to POSTGRES_16, or change requiredPostgresVersion in the policy pack config.',
            "cloudsql-instance-configure-regional-availability: Cloud SQL instances labelled environment=prod are REGIONAL, with a standby in a second zone.\n" +
                'Cloud SQL instance "database-instance" is labelled environment=prod but runs ZONAL; set settings.availabilityType to REGIONAL for a standby in a second zone.',
        ]);
    });

    it("reports nothing it cannot know during preview, and says which policies it could not run", async () => {
        const props = {
            project: "bilko-project",
            labels: { environment: unknown.string },
            deletionProtection: false,
            template: { serviceAccount: unknown.string, containers: [{ image: unknown.string, startupProbe: {} }] },
        };
        const response = await analyze(client, analyzeRequest("gcp:cloudrunv2/service:Service", "api-service", props));
        assert.deepStrictEqual(diagnostics(response), []);
        const notApplicable = response.getNotApplicableList().map((entry) => `${entry.getPolicyName()}: ${entry.getReason()}`);
        assert.deepStrictEqual(notApplicable.filter((entry) => /^cloudrun-(service|job)-/.test(entry)), [
            "cloudrun-service-enforce-digest-image: cannot be checked yet: string value at .template.containers.0.image can't be known during preview",
            "cloudrun-service-enable-binary-authorization: cannot be checked yet: string value at .labels.environment can't be known during preview",
            "cloudrun-service-disallow-default-service-account: cannot be checked yet: string value at .template.serviceAccount can't be known during preview",
            "cloudrun-service-enable-deletion-protection: cannot be checked yet: string value at .labels.environment can't be known during preview",
            "cloudrun-job-enable-binary-authorization: applies only to gcp:cloudrunv2/job:Job",
        ]);
    });
});
