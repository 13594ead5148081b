/** The narrow IAM grants components give the identities they create, and the ids of those identities. */
export { cloudSqlInstanceCondition } from "./conditions";
export { accountAdminGrant, actAsGrant, cloudSqlClientGrant, secretAccessorGrant } from "./grants";
export { serviceAccountId } from "./serviceAccountId";
export { declaredAccounts, declaredGrants, type DeclaredResource } from "./declaredGrants";
export { escalations, grantableRoles, reachOf, scopeText, type DeclaredGrant, type Reach, type ReachedRole, type Scope } from "./reach";
export { binaryAuthorizationServiceAgent, cloudRunServiceAgent } from "./serviceAgents";
