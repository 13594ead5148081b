/** The narrow IAM grants components give the identities they create, and the ids of those identities. */
export { cloudSqlInstanceCondition } from "./conditions";
export { actAsGrant, cloudSqlClientGrant, secretAccessorGrant } from "./grants";
export { serviceAccountId } from "./serviceAccountId";
