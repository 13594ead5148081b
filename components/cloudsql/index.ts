/** Cloud SQL for PostgreSQL: the component, its settings, and the rules the schema and the policy pack share. */
export { APPROVAL_LABELS, approvalLabels, labelValue, type CostApproval } from "./approval";
export { renderConnectionUrl, type ConnectionUrlInput, type ConnectionUrlValues } from "./connectionUrl";
export { Postgres, type PostgresArgs } from "./postgres";
export { databasePasswordSecretId, sqlConnectionName, sqlImportIds } from "./names";
export { CONNECTION_URL_PLACEHOLDERS, EDITIONS, editionForTier, editionMatchesTier, maxTransactionLogDays, POSTGRES_VERSION_PATTERN, type Edition } from "./rules";
export { databaseFlags, instanceSettings, PASSWORD_POLICY, PGAUDIT_FLAGS, POSTGRES_LOG_FLAGS, RESTART_FLAGS, type SettingsInput } from "./settings";
