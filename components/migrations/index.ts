/** The Cloud Run job that runs a service's migrator image (Flyway), its database env, and its names. */
export { DEFAULT_FLYWAY_ARGS, flywayEnv, flywayUrl, MIGRATIONS_DIR, postgresSocket } from "./flywayEnv";
export { MigrationJob, type MigrationJobArgs } from "./migrationJob";
export { cloudRunMigrationServices, MIGRATION_JOB_TYPE, migrationAccountService, migrationComponentName, migrationJobChildren, migrationJobName, migratorImage, migratorRepository } from "./names";
export { MIGRATION_TIMEOUT, migrationJobTemplate, type MigrationTemplateInput } from "./template";
