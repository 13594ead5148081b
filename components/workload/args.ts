import type * as pulumi from "@pulumi/pulumi";
import type { DatabaseBinding } from "./env";
import type { Environment, ServiceConfig } from "../../config";

/** What every runtime (Cloud Run, Kubernetes) needs to run one service of a stack. */
export interface ServiceWorkloadArgs {
    project: string;
    app: string;
    environment: Environment;
    /** Key of the service under `bilko:services` (e.g. `api`). */
    service: string;
    config: ServiceConfig;
    /** `<registry>/<service>@sha256:...`: never a tag. */
    image: string;
    /** Origins for `CORS_ORIGINS`, derived from the stack's own hostnames. */
    corsOrigins: string[];
    /** Cloud SQL binding for `database: true` services. */
    database?: DatabaseBinding;
    /** Google Cloud labels (environment, app, service, public). */
    labels: Record<string, string>;
    /** Resources that must exist first (the database instance, the upstream guard, the namespace). */
    waitFor?: pulumi.Resource[];
}
