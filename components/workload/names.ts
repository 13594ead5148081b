/** The name a service's workload carries in Google Cloud and Kubernetes, derived from the app, environment and service. */

/** Cloud Run service (and Kubernetes workload) name: `bilko-web` in prod, `bilko-web-stage` elsewhere. */
export function workloadName(app: string, environment: string, service: string): string {
    return environment === "prod" ? `${app}-${service}` : `${app}-${service}-${environment}`;
}
