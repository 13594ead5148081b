/** IAM conditions that narrow project-level grants to one resource, where the service has no resource-level IAM. */

/** Cloud SQL has no per-instance IAM policy: condition the project binding on the instance's resource name. */
export function cloudSqlInstanceCondition(project: string, instance: string) {
    return {
        title: `only-${instance}`,
        description: `Cloud SQL client on instance ${instance} only.`,
        expression: `resource.name == "projects/${project}/instances/${instance}" && resource.service == "sqladmin.googleapis.com"`,
    };
}
