/**
 * Names of a stack's migrations job and of the resources its component declares. The component and the pipeline
 * both read them here: the pipeline's first `pulumi up` targets exactly these resources by URN.
 */
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

/** The component's children by role, as resource name and type token. */
export function migrationJobChildren(name: string) {
    return {
        account: { name: `${name}-sa`, type: "gcp:serviceaccount/account:Account" },
        deployerActAs: { name: `${name}-deployer`, type: "gcp:serviceaccount/iAMMember:IAMMember" },
        passwordAccess: { name: `${name}-db-password`, type: "gcp:secretmanager/secretIamMember:SecretIamMember" },
        sqlClient: { name: `${name}-sql-client`, type: "gcp:projects/iAMMember:IAMMember" },
        job: { name: `${name}-job`, type: "gcp:cloudrunv2/job:Job" },
    } as const;
}

/** URNs of the component and every child, for `pulumi up --target` (the component is created at the stack root). */
export function migrationTargetUrns(stack: string, project: string, service: string): string[] {
    const name = migrationComponentName(service);
    const prefix = `urn:pulumi:${stack}::${project}::${MIGRATION_JOB_TYPE}`;
    return [`${prefix}::${name}`, ...Object.values(migrationJobChildren(name)).map((child) => `${prefix}$${child.type}::${child.name}`)];
}
