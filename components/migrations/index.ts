/** The Cloud Run job that runs a service's migrator image (Flyway), its database env, its entrypoint, and its names. */
export { MIGRATOR_ENTRYPOINT, migratorEntrypoint } from "./entrypoint";
export { DEFAULT_FLYWAY_ARGS, flywayCredential, flywayEnv, flywayUrl, MIGRATIONS_DIR, postgresSocket } from "./flywayEnv";
export { MigrationJob, type MigrationJobArgs } from "./migrationJob";
export { cloudRunMigrationServices, MIGRATION_JOB_TYPE, migrationAccountService, migrationComponentName, migrationJobChildren, migrationJobName, migratorImage, migratorRepository } from "./names";
export { MIGRATION_TIMEOUT, migrationJobTemplate, type MigrationTemplateInput } from "./template";
