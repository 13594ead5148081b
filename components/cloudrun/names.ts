/** Import id of a live Cloud Run service a stack adopts (`adopt: true`). */
export function cloudRunServiceImportId(project: string, region: string, name: string): string {
    return `projects/${project}/locations/${region}/services/${name}`;
}

/** Type token of the component; its Cloud Run service child is `<name>-service`. */
export const CLOUD_RUN_SERVICE_TYPE = "bilko:gcp:CloudRunService";

/**
 * URN of the Cloud Run service resource of the component `name` (created at the stack root): the pipeline's first
 * `pulumi up` excludes exactly these, so nothing moves traffic before the migrations ran.
 */
export function cloudRunServiceUrn(stack: string, project: string, name: string): string {
    return `urn:pulumi:${stack}::${project}::${CLOUD_RUN_SERVICE_TYPE}$gcp:cloudrunv2/service:Service::${name}-service`;
}
