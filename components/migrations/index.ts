/** The Cloud Run job that runs a service's migrations, and the names the pipeline targets it by. */
export { MigrationJob, type MigrationJobArgs } from "./migrationJob";
export { cloudRunMigrationServices, MIGRATION_JOB_TYPE, migrationAccountService, migrationComponentName, migrationJobChildren, migrationJobName, migrationTargetUrns } from "./names";
export { MIGRATION_TIMEOUT, migrationJobTemplate, type MigrationTemplateInput } from "./template";
