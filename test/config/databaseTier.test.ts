import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseStackConfig, readSharedStack } from "../../config";
import { COMMITTED_STACKS, edited, PROJECT_DIR } from "../support/stacks";
import { refusal } from "./support";

describe("stack config: the database's IP and its network", () => {
    it("prod keeps no public IP", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:postgres"].publicIp = true)),
            "Pulumi.prod.yaml: bilko:postgres.publicIp: prod's database has a private IP only (CIS GCP 6.6): set it to false, with the VPC in bilko:network",
        );
    });

    it("only an adopted instance keeps a public IP", () => {
        assert.match(
            refusal("demo", (v) => {
                v["bilko:postgres"].adopt = false;
                v["bilko:postgres"].password = "generate";
                v["bilko:postgres"].connectionUrl.template = "postgresql://{user}:{password}@{host}/{database}";
            }),
            /^Pulumi\.demo\.yaml: bilko:postgres\.publicIp: only an adopted instance keeps its public IP, until its own cutover/,
        );
    });

    it("a private IP (the default) needs the stack's VPC", () => {
        assert.match(refusal("prod", (v) => delete v["bilko:network"]), /^Pulumi\.prod\.yaml: bilko:network: missing required key: bilko:postgres\.publicIp is false/);
        assert.match(refusal("demo", (v) => delete v["bilko:postgres"].publicIp), /^Pulumi\.demo\.yaml: bilko:network: missing required key/);
    });

    it("a private instance serves no socket: {socket} in the URL template is refused", () => {
        assert.match(
            refusal("prod", (v) => (v["bilko:postgres"].connectionUrl.template = "postgresql://{user}:{password}@localhost/{database}?host={socket}")),
            /^Pulumi\.prod\.yaml: bilko:postgres\.connectionUrl\.template: \{socket\} is the Cloud SQL socket, which a private-IP instance does not serve/,
        );
    });

    it("the VPC's ranges: well-formed, private, large enough, apart", () => {
        const network = (edit: (network: Record<string, string>) => void) => refusal("prod", (v) => edit(v["bilko:network"]));
        assert.match(network((n) => (n.egressSubnet = "10.10.0.1/24")), /bilko:network\.egressSubnet: expected an IPv4 range such as "10\.8\.0\.0\/24"/);
        assert.match(network((n) => (n.egressSubnet = "8.8.8.0/24")), /bilko:network\.egressSubnet: expected a private range/);
        assert.match(network((n) => (n.egressSubnet = "10.10.0.0/28")), /bilko:network\.egressSubnet: Direct VPC egress needs at least a \/26/);
        assert.match(network((n) => (n.serviceRange = "10.20.0.0/26")), /bilko:network\.serviceRange: Private Service Access needs at least a \/24/);
        assert.match(network((n) => (n.serviceRange = "10.10.0.0/16")), /bilko:network\.serviceRange: overlaps egressSubnet "10\.10\.0\.0\/24"/);
    });

    it("pgAudit and Binary Authorization are on unless a stack says otherwise", () => {
        const prod = parseStackConfig(edited("prod", () => undefined), { stack: "prod", knownStacks: COMMITTED_STACKS });
        assert.deepStrictEqual([prod.postgres.pgaudit, prod.postgres.publicIp, prod.binaryAuthorization], [true, false, true]);
        const stage = parseStackConfig(edited("stage", () => undefined), { stack: "stage", knownStacks: COMMITTED_STACKS });
        assert.deepStrictEqual([stage.postgres.pgaudit, stage.postgres.publicIp, stage.binaryAuthorization], [false, true, false]);
    });
});

describe("stack config: the shared stack a promoted stack's deploy trigger is made from", () => {
    const prod = () => parseStackConfig(edited("prod", () => undefined), { stack: "prod", knownStacks: COMMITTED_STACKS });

    it("is read next to the stack's file: the project's stage", () => {
        const shared = readSharedStack(prod(), PROJECT_DIR)!;
        assert.deepStrictEqual([shared.stack, shared.file, shared.project], ["stage", "Pulumi.stage.yaml", "tribal-sign-487920-k0"]);
        assert.strictEqual(readSharedStack(parseStackConfig(edited("stage", () => undefined), { stack: "stage", knownStacks: COMMITTED_STACKS }), PROJECT_DIR), undefined);
    });

    it("refuses a 2nd-gen repository connection for a deploy trigger in another project, naming the shared stack's key", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-shared-"));
        try {
            const stage = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.stage.yaml"), "utf8").replace(
                /    github:\n      owner: alai-no\n      name: bilko\n/,
                "    repository: projects/tribal-sign-487920-k0/locations/europe-north1/connections/github/repositories/bilko\n",
            );
            fs.writeFileSync(path.join(dir, "Pulumi.stage.yaml"), stage);
            assert.throws(() => readSharedStack({ ...prod(), project: "bilko-prod-487920" }, dir), /^StackConfigError: Pulumi\.stage\.yaml: bilko:pipeline\.repository: is a 2nd-gen connection in tribal-sign-487920-k0\/europe-north1/);
            assert.strictEqual(readSharedStack(prod(), dir)!.pipeline.repository, "projects/tribal-sign-487920-k0/locations/europe-north1/connections/github/repositories/bilko", "same project and region: fine");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses a promoted stack with no shared stack beside it", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-shared-"));
        try {
            assert.throws(() => readSharedStack(prod(), dir), /^StackConfigError: Pulumi\.prod\.yaml: bilko:upstream: no stack in .* has bilko:sharedResources: true/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
