/** Names of everything bilko creates in Google Cloud, derived from the app, environment and service. */
import { createHash } from "crypto";
import type { Environment } from "../../config";

/** Cloud Run service name: `bilko-web` in prod, `bilko-web-stage` elsewhere. */
export function cloudRunServiceName(app: string, environment: Environment, service: string): string {
    return environment === "prod" ? `${app}-${service}` : `${app}-${service}-${environment}`;
}

const MAX_ACCOUNT_ID = 30;

/**
 * Service account id (6 to 30 characters): `bilko-web-prod`. A longer one is cut and given a hash of the whole, so
 * it stays unique and stable: `bilko-notifications-m-1a2b3c4d`.
 */
export function serviceAccountId(app: string, environment: Environment, service: string): string {
    const id = `${app}-${service}-${environment}`;
    if (id.length <= MAX_ACCOUNT_ID) {
        return id;
    }
    const hash = createHash("sha256").update(id).digest("hex").slice(0, 8);
    return `${id.slice(0, MAX_ACCOUNT_ID - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/** Secret Manager id holding the database user's generated password. */
export function databasePasswordSecretId(instanceName: string, user: string): string {
    return `${instanceName}-${user}-password`.replace(/_/g, "-");
}

/** Cloud SQL connection name; deterministic, so services need not wait for the instance to learn it. */
export function sqlConnectionName(project: string, region: string, instanceName: string): string {
    return `${project}:${region}:${instanceName}`;
}

/** Import ids used when a stack adopts what already runs (`adopt: true`). */
export const importIds = {
    sqlInstance: (project: string, instanceName: string) => `projects/${project}/instances/${instanceName}`,
    sqlDatabase: (project: string, instanceName: string, database: string) =>
        `projects/${project}/instances/${instanceName}/databases/${database}`,
    sqlUser: (project: string, instanceName: string, user: string) => `${project}/${instanceName}/${user}`,
    cloudRunService: (project: string, region: string, name: string) => `projects/${project}/locations/${region}/services/${name}`,
};
