/**
 * The escalation test: from every grant the committed stacks declare (they share one project), what each pipeline
 * account can reach by granting or by acting as another account (components/iam/reach.ts).
 */
import * as assert from "assert";
import { declaredAccounts, declaredGrants, escalations, reachOf, scopeText, type DeclaredGrant } from "../../components/iam";
import { COMMITTED_STACKS, plannedStack } from "../support/stacks";

const PROJECT = "tribal-sign-487920-k0";
const member = (id: string) => `serviceAccount:${id}@${PROJECT}.iam.gserviceaccount.com`;
const PIPELINE = ["bilko-build", "bilko-preview", "bilko-deploy-demo", "bilko-deploy-prod"];

describe("no escalation path to prod (committed stacks)", () => {
    let grants: DeclaredGrant[];
    let accounts: Map<string, string>;
    before(async () => {
        const resources = (await Promise.all(COMMITTED_STACKS.map((stack) => plannedStack(stack)))).flatMap((plan) => plan.resources);
        grants = declaredGrants(resources);
        accounts = declaredAccounts(resources);
    });

    it("declares the four pipeline accounts, each deployer in its stack", () => {
        for (const id of PIPELINE) {
            assert.ok(accounts.has(`${id}@${PROJECT}.iam.gserviceaccount.com`), id);
        }
    });

    for (const id of PIPELINE) {
        it(`${id} reaches neither Owner nor Editor nor an unconditioned projectIamAdmin`, () => {
            const found = escalations(reachOf(member(id), grants, accounts)).map((reached) => `${reached.role} on ${scopeText(reached.scope)} (${reached.via})`);
            assert.deepStrictEqual(found, []);
        });
    }

    const actsAs = (id: string) => reachOf(member(id), grants, accounts).actsAs.map((email) => email.split("@")[0]).sort();
    const runtimeOf = (stack: string) => [`bilko-api-${stack}`, `bilko-api-migrate-${stack}`, `bilko-web-${stack}`];

    it("the build account acts as no deployer: it reaches prod only through a promotion commit and its approval", () => {
        // Besides its own and the preview account, the accounts stage's notifiers and drift schedule run as.
        const notifications = ["bilko-drift-scheduler", "bilko-notifier", "bilko-notifier-push"];
        assert.deepStrictEqual(actsAs("bilko-build"), ["bilko-build", "bilko-preview", ...notifications, ...runtimeOf("stage")].sort());
    });

    it("each deployer acts as itself and its own stack's runtime accounts only", () => {
        for (const stack of ["demo", "prod"]) {
            assert.deepStrictEqual(actsAs(`bilko-deploy-${stack}`), [`bilko-deploy-${stack}`, ...runtimeOf(stack)].sort(), stack);
        }
        assert.deepStrictEqual(actsAs("bilko-preview"), ["bilko-preview"]);
    });

    it("what any pipeline account may grant through projectIamAdmin sets no IAM policy: Cloud SQL client alone", () => {
        for (const id of PIPELINE.filter((candidate) => candidate !== "bilko-preview")) {
            const granted = reachOf(member(id), grants, accounts).roles.filter((reached) => reached.via.startsWith("granted by"));
            assert.deepStrictEqual([...new Set(granted.map((reached) => reached.role))], ["roles/cloudsql.client"], id);
        }
    });

    it("no pipeline account holds a service-account role on the whole project", () => {
        const projectWide = grants.filter((grant) => grant.scope.kind === "project" && /^roles\/iam\.serviceAccount(Admin|User|TokenCreator)$/.test(grant.role));
        assert.deepStrictEqual(projectWide, []);
    });
});
