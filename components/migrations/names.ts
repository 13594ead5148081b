/** Names of a stack's migrations job, its migrator image and the resources its component declares. */
export const MIGRATION_JOB_TYPE = "bilko:gcp:MigrationJob";

/**
 * Services whose migrations run as a Cloud Run job, which the pipeline executes before traffic moves. A service on
 * Kubernetes runs its migrations as a Job inside the same `pulumi up`, ahead of its Deployment.
 */
export function cloudRunMigrationServices(services: Readonly<Record<string, { migrations?: unknown; runtime: string }>>): string[] {
    return Object.entries(services)
        .filter(([, service]) => service.migrations !== undefined && service.runtime === "cloudrun")
        .map(([name]) => name);
}

/** `<registry>/<service>-migrator`: where the build pushes a service's migrator image. */
export function migratorRepository(registry: string, service: string): string {
    return `${registry}/${service}-migrator`;
}

/** The migrator image pinned by digest, the only form a job runs. */
export function migratorImage(registry: string, service: string, digest: string): string {
    return `${migratorRepository(registry, service)}@${digest}`;
}

/** Component name in the program: `api-migrations`. */
export function migrationComponentName(service: string): string {
    return `${service}-migrations`;
}

/** Cloud Run job name: `bilko-api-migrate` in prod, `bilko-api-migrate-<environment>` elsewhere. */
export function migrationJobName(app: string, environment: string, service: string): string {
    return environment === "prod" ? `${app}-${service}-migrate` : `${app}-${service}-migrate-${environment}`;
}

/** Service-name argument for `serviceAccountId`, giving `bilko-api-migrate-stage`. */
export function migrationAccountService(service: string): string {
    return `${service}-migrate`;
}

/** The component's children by role. */
export function migrationJobChildren(name: string) {
    return {
        account: `${name}-sa`,
        deployerActAs: `${name}-deployer`,
        deployerAdmin: `${name}-deployer-admin`,
        passwordAccess: `${name}-db-password`,
        sqlClient: `${name}-sql-client`,
        job: `${name}-job`,
    } as const;
}
