import * as assert from "assert";
import { disallowBasicRoles, disallowServiceAccountImpersonation, disallowUnlabelledPublicInvoker } from "../../../policies/iam";
import { checkResource, mutated, resource, stackViolations, unknown, violations, type Props } from "../support";

const PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";
const PROJECT_BINDING = "gcp:projects/iAMBinding:IAMBinding";
const PROJECT_POLICY = "gcp:projects/iAMPolicy:IAMPolicy";
const SECRET_MEMBER = "gcp:secretmanager/secretIamMember:SecretIamMember";
const SERVICE = "gcp:cloudrunv2/service:Service";
const INVOKER = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";

const SA = "serviceAccount:bilko-api-prod@bilko-project.iam.gserviceaccount.com";

/** The program's narrowest project grant: Cloud SQL client for the api's service account. */
function sqlClient(): Props {
    return { project: "bilko-project", role: "roles/cloudsql.client", member: SA, condition: { title: "only-bilko-db", expression: "true" } };
}

describe("iam-member-disallow-basic-roles", () => {
    it("passes a predefined role", async () => {
        assert.deepStrictEqual(await violations(disallowBasicRoles, PROJECT_MEMBER, sqlClient()), []);
    });

    for (const role of ["roles/owner", "roles/editor", "roles/viewer"]) {
        it(`refuses ${role} on the project`, async () => {
            assert.deepStrictEqual(await violations(disallowBasicRoles, PROJECT_MEMBER, mutated(sqlClient, (value) => (value.role = role))), [
                `IAM grant "subject" gives the basic role ${role} to ${SA}; grant a predefined role that covers only what the member needs.`,
            ]);
        });
    }

    it("refuses a basic role on any resource's IAM, even before the member is known", async () => {
        const props = { secretId: "bilko-jwt-secret", role: "roles/editor", member: unknown.string };
        assert.deepStrictEqual(await violations(disallowBasicRoles, SECRET_MEMBER, props), [
            'IAM grant "subject" gives the basic role roles/editor to a member not known yet; grant a predefined role that covers only what the member needs.',
        ]);
    });

    it("refuses each member of a binding", async () => {
        const props = { project: "bilko-project", role: "roles/viewer", members: ["user:ana@example.com", "group:ops@example.com"] };
        assert.deepStrictEqual(await violations(disallowBasicRoles, PROJECT_BINDING, props), [
            'IAM grant "subject" gives the basic role roles/viewer to user:ana@example.com; grant a predefined role that covers only what the member needs.',
            'IAM grant "subject" gives the basic role roles/viewer to group:ops@example.com; grant a predefined role that covers only what the member needs.',
        ]);
    });

    it("refuses a basic role inside a whole IAM policy", async () => {
        const policyData = JSON.stringify({ bindings: [{ role: "roles/run.invoker", members: [SA] }, { role: "roles/owner", members: ["user:ana@example.com"] }] });
        assert.deepStrictEqual(await violations(disallowBasicRoles, PROJECT_POLICY, { project: "bilko-project", policyData }), [
            'IAM grant "subject" gives the basic role roles/owner to user:ana@example.com; grant a predefined role that covers only what the member needs.',
        ]);
    });

    it("reports nothing while the role is unknown", async () => {
        assert.deepStrictEqual(await violations(disallowBasicRoles, PROJECT_MEMBER, mutated(sqlClient, (value) => (value.role = unknown.string))), []);
    });

    it("reports nothing while a whole policy is unknown", async () => {
        const outcome = await checkResource(disallowBasicRoles, PROJECT_POLICY, { project: "bilko-project", policyData: unknown.string });
        assert.deepStrictEqual(outcome, { violations: [], notApplicable: "cannot be checked yet: string value at .policyData can't be known during preview" });
    });

    it("is not applicable to resources that grant nothing", async () => {
        const outcome = await checkResource(disallowBasicRoles, "gcp:serviceaccount/account:Account", { accountId: "bilko-api-prod", role: "roles/owner" });
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", /^applies only to types matching /);
    });
});

describe("iam-project-disallow-service-account-impersonation", () => {
    for (const role of ["roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"]) {
        it(`refuses ${role} on the whole project`, async () => {
            assert.deepStrictEqual(await violations(disallowServiceAccountImpersonation, PROJECT_MEMBER, mutated(sqlClient, (value) => (value.role = role))), [
                `IAM grant "subject" gives ${role} to ${SA} on the whole project, which lets it act as every service account there; grant the role on the one service account it needs instead (gcp.serviceaccount.IAMMember).`,
            ]);
        });
    }

    it("refuses it on a whole organization too", async () => {
        const props = { orgId: "123", role: "roles/iam.serviceAccountUser", members: ["group:ci@example.com"] };
        assert.deepStrictEqual(await violations(disallowServiceAccountImpersonation, "gcp:organizations/iAMBinding:IAMBinding", props), [
            'IAM grant "subject" gives roles/iam.serviceAccountUser to group:ci@example.com on the whole organization, which lets it act as every service account there; grant the role on the one service account it needs instead (gcp.serviceaccount.IAMMember).',
        ]);
    });

    it("passes other project roles", async () => {
        assert.deepStrictEqual(await violations(disallowServiceAccountImpersonation, PROJECT_MEMBER, sqlClient()), []);
    });

    it("is not applicable to a grant on one service account, which is the narrow way", async () => {
        const props = { serviceAccountId: "projects/p/serviceAccounts/x", role: "roles/iam.serviceAccountUser", member: SA };
        const outcome = await checkResource(disallowServiceAccountImpersonation, "gcp:serviceaccount/iAMMember:IAMMember", props);
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", /^applies only to types matching /);
    });

    it("reports nothing while the role is unknown", async () => {
        assert.deepStrictEqual(await violations(disallowServiceAccountImpersonation, PROJECT_MEMBER, mutated(sqlClient, (value) => (value.role = unknown.string))), []);
    });
});

describe("iam-cloudrun-disallow-unlabelled-public-invoker", () => {
    const service = (name: string, isPublic: string) => resource(SERVICE, `${name}-service`, { name: `bilko-${name}`, labels: { environment: "prod", service: name, public: isPublic } });
    const invoker = (service: string, member = "allUsers") => resource(INVOKER, `${service}-invoker`, { name: `bilko-${service}`, role: "roles/run.invoker", member });

    it("accepts a public invoker on a service labelled public=true", async () => {
        assert.deepStrictEqual(await stackViolations(disallowUnlabelledPublicInvoker, [service("web", "true"), invoker("web")]), []);
    });

    it("refuses a public invoker on a service labelled public=false", async () => {
        assert.deepStrictEqual(await stackViolations(disallowUnlabelledPublicInvoker, [service("admin", "false"), invoker("admin", "allAuthenticatedUsers")]), [
            'admin-invoker: IAM grant "admin-invoker" gives roles/run.invoker to allAuthenticatedUsers on Cloud Run service "bilko-admin", which is not labelled public=true (resource "admin-service"); label it public=true if it is meant to be public, or remove the grant.',
        ]);
    });

    it("refuses a public invoker on a service without the label", async () => {
        const unlabelled = resource(SERVICE, "admin-service", { name: "bilko-admin", labels: { environment: "prod" } });
        assert.deepStrictEqual(await stackViolations(disallowUnlabelledPublicInvoker, [unlabelled, invoker("admin")]), [
            'admin-invoker: IAM grant "admin-invoker" gives roles/run.invoker to allUsers on Cloud Run service "bilko-admin", which is not labelled public=true (resource "admin-service"); label it public=true if it is meant to be public, or remove the grant.',
        ]);
    });

    it("refuses a public invoker on a service this stack does not declare", async () => {
        assert.deepStrictEqual(await stackViolations(disallowUnlabelledPublicInvoker, [service("web", "true"), invoker("other")]), [
            'other-invoker: IAM grant "other-invoker" gives roles/run.invoker to allUsers on Cloud Run service "bilko-other", which this stack does not declare, so no public=true label vouches for it; declare the service here labelled public=true, or remove the grant.',
        ]);
    });

    it("matches a service named by its full id, and the v1 IAM resources by their service property", async () => {
        const fullId = resource(INVOKER, "by-id", { name: "projects/p/locations/europe-north1/services/bilko-admin", role: "roles/run.invoker", member: "allUsers" });
        const v1 = resource("gcp:cloudrun/iamBinding:IamBinding", "v1-binding", { service: "bilko-admin", role: "roles/run.invoker", members: ["allUsers"] });
        assert.deepStrictEqual(await stackViolations(disallowUnlabelledPublicInvoker, [service("admin", "false"), fullId, v1]), [
            'by-id: IAM grant "by-id" gives roles/run.invoker to allUsers on Cloud Run service "bilko-admin", which is not labelled public=true (resource "admin-service"); label it public=true if it is meant to be public, or remove the grant.',
            'v1-binding: IAM grant "v1-binding" gives roles/run.invoker to allUsers on Cloud Run service "bilko-admin", which is not labelled public=true (resource "admin-service"); label it public=true if it is meant to be public, or remove the grant.',
        ]);
    });

    it("accepts invokers that are not public", async () => {
        assert.deepStrictEqual(await stackViolations(disallowUnlabelledPublicInvoker, [service("admin", "false"), invoker("admin", SA)]), []);
    });

    it("reports nothing it cannot prove: unknown target, member or label", async () => {
        const unknownTarget = resource(INVOKER, "a", { name: unknown.string, role: "roles/run.invoker", member: "allUsers" });
        const unknownMember = resource(INVOKER, "b", { name: "bilko-admin", role: "roles/run.invoker", member: unknown.string });
        const unknownLabel = resource(SERVICE, "c-service", { name: "bilko-c", labels: unknown.object });
        const invokerOfC = invoker("c");
        assert.deepStrictEqual(await stackViolations(disallowUnlabelledPublicInvoker, [service("admin", "false"), unknownTarget, unknownMember, unknownLabel, invokerOfC]), []);
    });
});
