import * as assert from "assert";
import { escalations, grantableRoles, reachOf, type DeclaredGrant } from "../../../components/iam";

const P = "p";
const project = { kind: "project", project: P } as const;
const account = (name: string) => ({ kind: "serviceAccount", project: P, email: `${name}@p.iam.gserviceaccount.com` }) as const;
const member = (name: string) => `serviceAccount:${name}@p.iam.gserviceaccount.com`;
const accounts = new Map(["build", "deploy", "preview", "api"].map((name) => [`${name}@p.iam.gserviceaccount.com`, P]));
const onlyRoles = (...roles: string[]) => `api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([${roles.map((role) => `'${role}'`).join(", ")}])`;
const reachedRoles = (grants: DeclaredGrant[], who: string) => reachOf(member(who), grants, accounts).roles.map((reached) => reached.role).sort();
const escalated = (grants: DeclaredGrant[], who: string) => escalations(reachOf(member(who), grants, accounts)).map((reached) => `${reached.role} (${reached.via})`);

describe("what an account can reach by granting or acting as another", () => {
    it("reads the roles a modifiedGrantsByRole condition allows", () => {
        assert.deepStrictEqual(grantableRoles(onlyRoles("roles/cloudsql.client", "roles/run.viewer")), ["roles/cloudsql.client", "roles/run.viewer"]);
        assert.strictEqual(grantableRoles(undefined), undefined);
        assert.strictEqual(grantableRoles(`resource.name == "projects/p/instances/db"`), undefined, "a condition on where, not what, limits no role");
    });

    it("a projectIamAdmin that may grant projectIamAdmin reaches Owner (the review's first finding)", () => {
        const grants: DeclaredGrant[] = [
            { member: member("build"), role: "roles/resourcemanager.projectIamAdmin", scope: project, condition: onlyRoles("roles/run.admin", "roles/resourcemanager.projectIamAdmin") },
        ];
        assert.deepStrictEqual(escalated(grants, "build"), ["roles/resourcemanager.projectIamAdmin (granted by roles/resourcemanager.projectIamAdmin)", "roles/owner (granted by roles/resourcemanager.projectIamAdmin)", "roles/editor (as Google's default accounts of p)"]);
    });

    it("project-wide service account admin acts as every account there, Google's defaults (Editor) included (the second finding)", () => {
        const grants: DeclaredGrant[] = [
            { member: member("deploy"), role: "roles/iam.serviceAccountAdmin", scope: project },
            { member: member("build"), role: "roles/artifactregistry.admin", scope: { kind: "resource", name: "artifactregistry/r" } },
        ];
        const reach = reachOf(member("deploy"), grants, accounts);
        assert.ok(reach.actsAs.includes("build@p.iam.gserviceaccount.com"));
        assert.ok(reach.roles.some((reached) => reached.role === "roles/artifactregistry.admin" && reached.via === "as build@p.iam.gserviceaccount.com"));
        assert.deepStrictEqual(escalated(grants, "deploy"), ["roles/editor (as Google's default accounts of p)"]);
    });

    it("follows actAs chains to a fixed point", () => {
        const grants: DeclaredGrant[] = [
            { member: member("preview"), role: "roles/iam.serviceAccountTokenCreator", scope: account("deploy") },
            { member: member("deploy"), role: "roles/iam.serviceAccountUser", scope: account("build") },
            { member: member("build"), role: "roles/resourcemanager.projectIamAdmin", scope: project },
        ];
        // Through build's unconditioned projectIamAdmin it becomes Owner, and so acts as every account (api too).
        assert.deepStrictEqual(reachOf(member("preview"), grants, accounts).actsAs, [...accounts.keys()].sort());
        assert.ok(escalated(grants, "preview").includes("roles/owner (granted by roles/resourcemanager.projectIamAdmin)"));
    });

    it("a projectIamAdmin limited to roles that set no IAM policy reaches exactly those, unconditioned", () => {
        const grants: DeclaredGrant[] = [
            { member: member("deploy"), role: "roles/resourcemanager.projectIamAdmin", scope: project, condition: onlyRoles("roles/cloudsql.client") },
            { member: member("deploy"), role: "roles/iam.serviceAccountUser", scope: account("api") },
            { member: member("api"), role: "roles/secretmanager.secretAccessor", scope: { kind: "resource", name: "secretmanager/s" } },
        ];
        assert.deepStrictEqual(reachedRoles(grants, "deploy"), ["roles/cloudsql.client", "roles/iam.serviceAccountUser", "roles/resourcemanager.projectIamAdmin", "roles/secretmanager.secretAccessor"]);
        assert.deepStrictEqual(escalated(grants, "deploy"), []);
    });
});
