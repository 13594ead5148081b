/** Import id of a live Secret Manager secret a stack adopts. */
export function secretImportId(project: string, secretId: string): string {
    return `projects/${project}/secrets/${secretId}`;
}
