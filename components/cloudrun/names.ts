/** Import id of a live Cloud Run service a stack adopts (`adopt: true`). */
export function cloudRunServiceImportId(project: string, region: string, name: string): string {
    return `projects/${project}/locations/${region}/services/${name}`;
}
