/**
 * The three-project fixture (test/fixtures/three-projects): stage, demo and prod each in a project of its own, the
 * pipeline and the registry in stage's. It plans cleanly with the policy pack, and what the pipeline accounts reach
 * from its grants stays inside their own projects.
 */
import * as assert from "assert";
import * as path from "path";
import { declaredAccounts, declaredGrants, escalations, reachOf, scopeText, type DeclaredGrant } from "../../components/iam";
import { readStackFile } from "../../config";
import { evaluateStack, type StackPlan } from "../../offline/evaluate";
import { checkStack } from "../../offline/policyCheck";
import { policies } from "../../policies/all";
import { COMMITTED_STACKS, PROJECT_DIR } from "../support/stacks";

const DIR = path.join(PROJECT_DIR, "test", "fixtures", "three-projects");
const PROJECTS: Record<string, string> = { stage: "bilko-stage-487920", demo: "bilko-demo-487920", prod: "bilko-prod-487920" };
const member = (id: string, stack: string) => `serviceAccount:${id}@${PROJECTS[stack]}.iam.gserviceaccount.com`;

describe("three projects: a fixture with one project per stack", function () {
    this.timeout(20000);
    const plans: Record<string, StackPlan> = {};
    let grants: DeclaredGrant[];
    let accounts: Map<string, string>;
    before(async () => {
        for (const stack of ["stage", "demo", "prod"]) {
            const file = path.join(DIR, `Pulumi.${stack}.yaml`);
            plans[stack] = await evaluateStack({ stack, file: path.basename(file), directory: DIR, knownStacks: COMMITTED_STACKS, ...readStackFile(file) });
        }
        const resources = Object.values(plans).flatMap((plan) => plan.resources);
        grants = declaredGrants(resources);
        accounts = declaredAccounts(resources);
    });

    for (const stack of ["stage", "demo", "prod"]) {
        it(`${stack} plans with no violation of the policy pack`, async () => {
            assert.deepStrictEqual(await checkStack(plans[stack], policies), []);
        });
    }

    it("puts each stack's resources in its own project, and demo's and prod's images in stage's registry", () => {
        for (const [stack, plan] of Object.entries(plans)) {
            const projects = new Set(plan.resources.filter((resource) => typeof resource.inputs.project === "string").map((resource) => resource.inputs.project));
            const expected = stack === "stage" ? [PROJECTS.stage] : [PROJECTS[stack], PROJECTS.stage];
            assert.deepStrictEqual([...projects].sort(), expected.sort(), stack);
            assert.match(plan.outputs.registryUrl, new RegExp(`/${PROJECTS.stage}/bilko$`), stack);
        }
    });

    it("grants prod's Cloud Run service agent read access to the registry, and its Binary Authorization agent the attestor of stage's builds", () => {
        const pull = plans.prod.resources.find((resource) => resource.name === "image-pull-run-agent")!;
        assert.deepStrictEqual([pull.inputs.project, pull.inputs.repository, pull.inputs.role], [PROJECTS.stage, "bilko", "roles/artifactregistry.reader"]);
        assert.match(pull.inputs.member, /^serviceAccount:service-\d{12}@serverless-robot-prod\.iam\.gserviceaccount\.com$/);
        const policy = plans.prod.resources.find((resource) => resource.name === "binary-authorization-policy")!;
        assert.deepStrictEqual(policy.inputs.defaultAdmissionRule.requireAttestationsBies, [`projects/${PROJECTS.stage}/attestors/built-by-cloud-build`]);
        const verifier = plans.prod.resources.find((resource) => resource.name === "binary-authorization-attestor-verifier")!;
        assert.deepStrictEqual([verifier.inputs.project, verifier.inputs.attestor], [PROJECTS.stage, "built-by-cloud-build"]);
    });

    it("declares the prod deployer, and its trigger, only in prod's project", () => {
        const deployer = plans.prod.resources.find((resource) => resource.name === "deployer-sa")!;
        assert.deepStrictEqual([deployer.inputs.project, deployer.inputs.accountId], [PROJECTS.prod, "bilko-deploy-prod"]);
        assert.deepStrictEqual([...accounts].filter(([email]) => email.startsWith("bilko-deploy-prod@")), [[`bilko-deploy-prod@${PROJECTS.prod}.iam.gserviceaccount.com`, PROJECTS.prod]]);
        assert.strictEqual(plans.prod.resources.find((resource) => resource.name === "deployer-trigger")!.inputs.project, PROJECTS.prod);
    });

    for (const [id, stack] of [["bilko-build", "stage"], ["bilko-preview", "stage"], ["bilko-deploy-demo", "demo"], ["bilko-deploy-prod", "prod"]]) {
        it(`${id} reaches neither Owner nor Editor nor an unconditioned projectIamAdmin`, () => {
            assert.deepStrictEqual(escalations(reachOf(member(id, stack), grants, accounts)), []);
        });
    }

    it("the build account reaches no role in prod's project but the preview account's read-only ones, and acts as no deployer", () => {
        const reach = reachOf(member("bilko-build", "stage"), grants, accounts);
        const inProd = reach.roles.filter((reached) => reached.scope.kind !== "resource" && reached.scope.project === PROJECTS.prod);
        assert.deepStrictEqual(inProd.map((reached) => `${reached.role} on ${scopeText(reached.scope)} (${reached.via})`).sort(), [
            `roles/cloudsql.viewer on project ${PROJECTS.prod} (as bilko-preview@${PROJECTS.stage}.iam.gserviceaccount.com)`,
            `roles/run.viewer on project ${PROJECTS.prod} (as bilko-preview@${PROJECTS.stage}.iam.gserviceaccount.com)`,
        ]);
        assert.ok(reach.actsAs.every((email) => !email.startsWith("bilko-deploy-")), reach.actsAs.join(", "));
    });

    it("the demo deployer reaches nothing in prod's project", () => {
        const reach = reachOf(member("bilko-deploy-demo", "demo"), grants, accounts);
        assert.deepStrictEqual(reach.roles.filter((reached) => reached.scope.kind !== "resource" && reached.scope.project === PROJECTS.prod), []);
    });
});
