/**
 * The narrow IAM grants components give the identities they create, each on the smallest scope Google Cloud allows.
 * Every grant is a child of the component that needs it.
 */
import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { cloudSqlInstanceCondition } from "./conditions";

/**
 * Service-account admin on one account: what the deployer needs to update or delete the runtime account it created,
 * and to set its IAM (actAs for itself, Workload Identity). On this account only, never on the project, where it
 * would reach every account there. A person grants it on each new account (the deployer cannot set IAM on one yet).
 */
export function accountAdminGrant(name: string, account: gcp.serviceaccount.Account, member: pulumi.Input<string>, parent: pulumi.Resource): gcp.serviceaccount.IAMMember {
    return new gcp.serviceaccount.IAMMember(name, { serviceAccountId: account.name, role: "roles/iam.serviceAccountAdmin", member }, { parent });
}

/** actAs (iam.serviceAccountUser) on one service account: what deploying something that runs as it needs. */
export function actAsGrant(name: string, account: gcp.serviceaccount.Account, member: pulumi.Input<string>, parent: pulumi.Resource): gcp.serviceaccount.IAMMember {
    return new gcp.serviceaccount.IAMMember(name, { serviceAccountId: account.name, role: "roles/iam.serviceAccountUser", member }, { parent });
}

/** Read access to one Secret Manager secret. */
export function secretAccessorGrant(
    name: string,
    project: string,
    secretId: pulumi.Input<string>,
    member: pulumi.Input<string>,
    parent: pulumi.Resource,
): gcp.secretmanager.SecretIamMember {
    return new gcp.secretmanager.SecretIamMember(name, { project, secretId, role: "roles/secretmanager.secretAccessor", member }, { parent });
}

/** Cloud SQL client on one instance: Cloud SQL has no per-instance IAM, so the project grant is conditioned on it. */
export function cloudSqlClientGrant(name: string, project: string, instance: string, member: pulumi.Input<string>, parent: pulumi.Resource): gcp.projects.IAMMember {
    return new gcp.projects.IAMMember(name, { project, role: "roles/cloudsql.client", member, condition: cloudSqlInstanceCondition(project, instance) }, { parent });
}
