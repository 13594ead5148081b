/**
 * Google-managed service agents, by the project number they are named after. They act for a service inside a
 * project, so a grant to one in another project's resource is how that service reaches across.
 */

/** Pulls a Cloud Run service's (and job's) image when it is deployed. */
export function cloudRunServiceAgent(projectNumber: string): string {
    return `serviceAccount:service-${projectNumber}@serverless-robot-prod.iam.gserviceaccount.com`;
}

/** Checks a Binary Authorization policy's attestations at deploy time. */
export function binaryAuthorizationServiceAgent(projectNumber: string): string {
    return `serviceAccount:service-${projectNumber}@gcp-sa-binaryauthorization.iam.gserviceaccount.com`;
}
