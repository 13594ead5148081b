/** Names and import ids of the Cloud SQL resources, derived from the instance, database and user names. */

/** Secret Manager id holding the database user's generated password. */
export function databasePasswordSecretId(instanceName: string, user: string): string {
    return `${instanceName}-${user}-password`.replace(/_/g, "-");
}

/** Cloud SQL connection name; deterministic, so services need not wait for the instance to learn it. */
export function sqlConnectionName(project: string, region: string, instanceName: string): string {
    return `${project}:${region}:${instanceName}`;
}

/** Import ids used when a stack adopts what already runs (`adopt: true`). */
export const sqlImportIds = {
    instance: (project: string, instanceName: string) => `projects/${project}/instances/${instanceName}`,
    database: (project: string, instanceName: string, database: string) => `projects/${project}/instances/${instanceName}/databases/${database}`,
    user: (project: string, instanceName: string, user: string) => `${project}/${instanceName}/${user}`,
};
