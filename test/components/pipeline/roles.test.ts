import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployTrigger, pipelineTriggers } from "../../../components/pipeline/triggers";
import { stacksOnKubernetes } from "../../../config";
import { pipelineGrants, previewProjectGrants } from "../../../components/pipeline/identities";
import type { PlannedResource } from "../../../offline/evaluate";
import { plannedStack, PROJECT_DIR } from "../../support/stacks";

const PROJECT_GRANT = "gcp:projects/iAMMember:IAMMember";
const ACT_AS = "gcp:serviceaccount/iAMMember:IAMMember";
const BASIC_ROLES = ["roles/owner", "roles/editor", "roles/viewer"];
/** Roles whose permissions are about one repository, bucket, key or account: they never need the project. */
const RESOURCE_ROLES = /^roles\/(artifactregistry|storage|cloudkms)\.|^roles\/iam\.serviceAccount(User|TokenCreator)$/;

/** `build`, `preview`, `deploy-demo`, `deploy-prod`: the pipeline accounts, by the suffix of their ids. */
const member = (identity: string) => `serviceAccount:bilko-${identity}@tribal-sign-487920-k0.iam.gserviceaccount.com`;
/** The stack that declares an account: build and preview in stage, each deployer in its own stack. */
const declaringStack = (identity: string) => (identity.startsWith("deploy-") ? identity.slice("deploy-".length) : "stage");
const ACCOUNTS = ["build", "preview", "deploy-demo", "deploy-prod"];
/** Stage's other accounts the build account sets on what it deploys (bilko:notifications): actAs needs no more. */
const NOTIFICATION_ACCOUNTS = ["bilko-drift-scheduler", "bilko-notifier", "bilko-notifier-push"];

function grantsTo(resources: PlannedResource[], identity: string): PlannedResource[] {
    return resources.filter((resource) => resource.custom && resource.inputs.member === member(identity) && typeof resource.inputs.role === "string");
}

function rolesOf(grants: PlannedResource[], type?: string): string[] {
    return grants.filter((grant) => !type || grant.type === type).map((grant) => grant.inputs.role).sort();
}

describe("pipeline accounts: roles", () => {
    it("no account holds a basic role, and nothing project-wide that one resource could carry", async () => {
        for (const identity of ACCOUNTS) {
            const grants = grantsTo((await plannedStack(declaringStack(identity))).resources, identity);
            assert.ok(grants.length > 0, identity);
            assert.deepStrictEqual(rolesOf(grants).filter((role) => BASIC_ROLES.includes(role)), [], identity);
            assert.deepStrictEqual(rolesOf(grants, PROJECT_GRANT).filter((role) => RESOURCE_ROLES.test(role)), [], identity);
        }
    });

    it("build pushes to the one repository, granted on that repository, and reads the Docker Hub cache", async () => {
        const grants = grantsTo((await plannedStack("stage")).resources, "build");
        const repository = grants.filter((grant) => grant.type === "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember");
        assert.deepStrictEqual(
            repository.map((grant) => [grant.inputs.role, grant.inputs.location, grant.inputs.repository]),
            [
                ["roles/artifactregistry.admin", "europe-north1", "bilko"],
                ["roles/artifactregistry.reader", "europe-north1", "docker-hub"],
            ],
        );
        assert.ok(repository[0].options.dependsOn.includes("gcp:artifactregistry/repository:Repository::registry-repository"), "waits for the repository");
    });

    it("a deployer cannot push images (it reads the repository and the Docker Hub cache), and only deployers and build can change the cloud", async () => {
        const { resources } = await plannedStack("stage");
        const deployRepositoryGrants = grantsTo((await plannedStack("prod")).resources, "deploy-prod").filter((grant) => grant.inputs.role?.startsWith("roles/artifactregistry."));
        assert.deepStrictEqual(deployRepositoryGrants.map((grant) => [grant.inputs.role, grant.inputs.repository]), [["roles/artifactregistry.reader", "bilko"], ["roles/artifactregistry.reader", "docker-hub"]]);
        assert.deepStrictEqual(rolesOf(grantsTo(resources, "preview")).filter((role) => /admin|editor|Admin|writer/.test(role)), []);
        // With drift checks (bilko:notifications), the preview account also reads what a refresh compares: viewer roles only.
        assert.deepStrictEqual(rolesOf(grantsTo(resources, "preview"), PROJECT_GRANT), [
            "roles/cloudbuild.builds.viewer",
            "roles/cloudscheduler.viewer",
            "roles/cloudsql.viewer",
            "roles/iam.securityReviewer",
            "roles/logging.logWriter",
            "roles/logging.viewer",
            "roles/monitoring.viewer",
            "roles/pubsub.viewer",
            "roles/run.viewer",
            "roles/secretmanager.viewer",
        ]);
    });

    it("state and secrets are granted on the state bucket and the secrets key of the shared stack's bilko:pipeline", async () => {
        const grants = grantsTo((await plannedStack("demo")).resources, "deploy-demo");
        const bucket = grants.find((grant) => grant.type === "gcp:storage/bucketIAMMember:BucketIAMMember")!;
        assert.deepStrictEqual([bucket.inputs.bucket, bucket.inputs.role], ["tribal-sign-487920-k0-pulumi-state", "roles/storage.objectUser"]);
        const key = grants.find((grant) => grant.type === "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")!;
        assert.strictEqual(key.inputs.cryptoKeyId, "projects/tribal-sign-487920-k0/locations/europe-north1/keyRings/pulumi/cryptoKeys/bilko");
    });

    it("the preview account writes only the lock objects of the state bucket", async () => {
        const grants = grantsTo((await plannedStack("stage")).resources, "preview");
        const writes = grants.filter((grant) => grant.inputs.role === "roles/storage.objectUser");
        assert.deepStrictEqual(
            writes.map((grant) => grant.inputs.condition.expression),
            ["resource.name.startsWith('projects/_/buckets/tribal-sign-487920-k0-pulumi-state/objects/.pulumi/locks/')"],
        );
    });

    it("every grant says why it is needed", () => {
        for (const [identity, grants] of Object.entries(pipelineGrants("bucket", { kubernetes: true, network: true }))) {
            for (const grant of grants) {
                assert.match(grant.reason, /^[A-Z].{20,}\.$/, `${identity} ${grant.role}`);
            }
        }
    });
});

describe("pipeline accounts: acting as runtime accounts, one account at a time", () => {
    it("never gets actAs on the whole project", async () => {
        for (const stack of ["stage", "demo", "prod"]) {
            const { resources } = await plannedStack(stack);
            const projectActAs = resources.filter((resource) => resource.type === PROJECT_GRANT && RESOURCE_ROLES.test(resource.inputs.role));
            assert.deepStrictEqual(projectActAs.map((resource) => resource.name), [], stack);
        }
    });

    it("the stack's deployer may administer and act as each runtime account of the stack, one account at a time", async () => {
        for (const [stack, deployer] of [["stage", "build"], ["demo", "deploy-demo"], ["prod", "deploy-prod"]]) {
            const { resources } = await plannedStack(stack);
            const onAccounts = resources.filter((resource) => resource.type === ACT_AS && resource.inputs.member === member(deployer));
            const accountsWith = (role: string) => onAccounts.filter((grant) => grant.inputs.role === role).map((grant) => String(grant.inputs.serviceAccountId).split("/").pop()!.split("@")[0]).sort();
            const runtime = ["web", "api", "api-migrate"].map((service) => `bilko-${service}-${stack}`);
            const ownTriggers = stack === "stage" ? ["bilko-build", "bilko-preview", ...NOTIFICATION_ACCOUNTS] : [`bilko-${deployer}`];
            assert.deepStrictEqual(accountsWith("roles/iam.serviceAccountUser"), [...runtime, ...ownTriggers].sort(), stack);
            assert.deepStrictEqual(accountsWith("roles/iam.serviceAccountAdmin"), [...runtime].sort(), stack);
            assert.deepStrictEqual(onAccounts.filter((grant) => !["roles/iam.serviceAccountUser", "roles/iam.serviceAccountAdmin"].includes(grant.inputs.role)), []);
        }
    });
});

describe("pipeline accounts: project IAM they may change", () => {
    /** Roles the projectIamAdmin condition of `identity` lets it grant. */
    async function grantable(identity: string, stack: string): Promise<string[]> {
        const admin = grantsTo((await plannedStack(stack)).resources, identity).find((grant) => grant.inputs.role === "roles/resourcemanager.projectIamAdmin")!;
        return [...admin.inputs.condition.expression.matchAll(/'(roles\/[^']+)'/g)].map((match) => match[1]).sort();
    }

    /** Project roles a stack grants to its runtime accounts (not to pipeline accounts or the drift schedule's, which a person grants). */
    async function runtimeProjectRoles(stack: string): Promise<string[]> {
        const pipeline = [...ACCOUNTS.map(member), member("drift-scheduler")];
        const grants = (await plannedStack(stack)).resources.filter((resource) => resource.type === PROJECT_GRANT && !pipeline.includes(resource.inputs.member));
        return [...new Set(grants.map((resource) => resource.inputs.role as string))].sort();
    }

    it("build may grant exactly the project roles stage grants its runtime accounts: none that sets an IAM policy", async () => {
        assert.deepStrictEqual(await grantable("build", "stage"), await runtimeProjectRoles("stage"));
        assert.deepStrictEqual(await grantable("build", "stage"), ["roles/cloudsql.client"]);
    });

    it("each deployer may grant exactly the project roles its stack grants its runtime accounts", async () => {
        for (const stack of ["demo", "prod"]) {
            assert.deepStrictEqual(await grantable(`deploy-${stack}`, stack), await runtimeProjectRoles(stack), stack);
        }
    });
});

describe("pipeline accounts and builders for stacks on GKE", () => {
    it("only when a stack runs services on Kubernetes: build and deploy may manage Kubernetes objects, preview may read them", () => {
        const roles = (kubernetes: boolean) =>
            Object.fromEntries(Object.entries(pipelineGrants("bucket", { kubernetes, network: false })).map(([identity, grants]) => [identity, grants.map((grant) => grant.role).filter((role) => role.startsWith("roles/container."))]));
        assert.deepStrictEqual(roles(false), { build: [], deploy: [], preview: [] });
        assert.deepStrictEqual(roles(true), { build: ["roles/container.developer"], deploy: ["roles/container.developer"], preview: ["roles/container.viewer"] });
    });

    it("only when a stack declares bilko:network: its deployer manages the VPC and its peering", async () => {
        const networkRoles = (stack: string, identity: string) => async () =>
            rolesOf(grantsTo((await plannedStack(stack)).resources, identity)).filter((role) => /^roles\/(compute\.networkAdmin|servicenetworking\.)/.test(role));
        assert.deepStrictEqual(await networkRoles("prod", "deploy-prod")(), ["roles/compute.networkAdmin", "roles/servicenetworking.networksAdmin"]);
        assert.deepStrictEqual(await networkRoles("demo", "deploy-demo")(), []);
        assert.deepStrictEqual(await networkRoles("stage", "build")(), []);
    });

    it("a stack with Kubernetes services runs its Pulumi steps in the builder with gcloud and gke-gcloud-auth-plugin", () => {
        const specs = pipelineTriggers({
            app: "bilko",
            sharedStack: "stage",
            stacks: ["stage", "demo", "prod"],
            stateBackend: "gs://state",
            stateBucket: "state",
            secretsProvider: "gcpkms://key",
            kubernetesStacks: ["prod"],
            images: [],
        });
        const deploy = (stack: string, kubernetes: boolean) =>
            deployTrigger({ app: "bilko", stack, upstream: "x", stateBackend: "gs://state", stateBucket: "state", secretsProvider: "gcpkms://key", kubernetes });
        const builders = (spec: ReturnType<typeof deploy>) => new Set(spec.steps.filter((step) => step.builder.startsWith("pulumi") && step.id !== "install").map((step) => step.builder));
        assert.deepStrictEqual(builders(deploy("prod", true)), new Set(["pulumiGke"]));
        assert.deepStrictEqual(builders(deploy("demo", false)), new Set(["pulumi"]));
        const preview = specs.find((spec) => spec.key === "preview")!;
        assert.deepStrictEqual(preview.steps.map((step) => `${step.id}:${step.builder}`), ["test:pulumiGke", "parity:pulumi", "preview-stage:pulumi", "preview-demo:pulumi", "preview-prod:pulumiGke"]);
    });

    it("reads which stacks run Kubernetes services from their files", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-gke-"));
        try {
            fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
            fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.demo.yaml"), path.join(dir, "Pulumi.demo.yaml"));
            fs.copyFileSync(path.join(PROJECT_DIR, "test/fixtures/kubernetes/prod-api-on-gke.yaml"), path.join(dir, "Pulumi.prod.yaml"));
            fs.writeFileSync(path.join(dir, "Pulumi.stage.yaml"), "not: [valid");
            assert.deepStrictEqual(stacksOnKubernetes(dir), ["prod"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("pipeline accounts with notifications and drift checks", () => {
    const roles = (grants: Array<{ role: string; scope: string }>) => grants.map((grant) => `${grant.role} on ${grant.scope}`).sort();

    it("the build account manages the notifiers, the alert and the drift schedules only with bilko:notifications, with no role that sets IAM", () => {
        const without = pipelineGrants("bucket", { kubernetes: false, network: false }).build;
        const withDrift = pipelineGrants("bucket", { kubernetes: false, network: false, drift: true, notifications: true }).build;
        const added = roles(withDrift).filter((role) => !roles(without).includes(role));
        assert.deepStrictEqual(added, [
            "roles/cloudscheduler.admin on project",
            "roles/logging.configWriter on project",
            "roles/monitoring.alertPolicyEditor on project",
            "roles/monitoring.notificationChannelEditor on project",
            "roles/pubsub.editor on project",
        ]);
        const noSchedules = pipelineGrants("bucket", { kubernetes: false, network: false, notifications: true }).build;
        assert.ok(!roles(noSchedules).includes("roles/cloudscheduler.admin on project"), "no drift checks, no scheduler role");
    });

    it("outside the pipeline's project the preview account reads, with drift checks, every kind a refresh compares there; never more than viewer roles", () => {
        const plain = roles(previewProjectGrants({ kubernetes: false, drift: false }));
        const withDrift = roles(previewProjectGrants({ kubernetes: false, drift: true }));
        assert.deepStrictEqual(plain, ["roles/cloudsql.viewer on project", "roles/run.viewer on project"]);
        const inPipelineProject = roles(pipelineGrants("bucket", { kubernetes: false, network: false, drift: true }).preview.filter((grant) => grant.scope === "project"));
        assert.deepStrictEqual(withDrift, inPipelineProject.filter((role) => role !== "roles/logging.logWriter on project"));
        assert.deepStrictEqual(withDrift.filter((role) => !/\.(viewer|securityReviewer) on/.test(role)), []);
    });
});
