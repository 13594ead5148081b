import type * as pulumi from "@pulumi/pulumi";
import type { DatabaseBinding, DatabaseEnvName } from "./env";

/** What every runtime (Cloud Run, Kubernetes) needs to run one service of a stack. */
export interface ServiceWorkloadArgs {
    project: string;
    /** The Pulumi project name (`bilko`): first part of every name. */
    app: string;
    /** `stage`, `demo` or `prod`: suffix of names outside prod; `prod` turns deletion protection on. */
    environment: string;
    /** Key of the service under `bilko:services` (e.g. `api`). */
    service: string;
    /** `<registry>/<service>@sha256:...`: never a tag. */
    image: string;
    /** Public hostname; `url` is `https://<hostname>`. */
    hostname: string;
    /** Port the container listens on. */
    port: number;
    /** Path the startup, liveness and readiness probes ask. */
    healthPath: string;
    /**
     * Plain environment values; credentials belong in `secrets`.
     * @default {}
     */
    env?: Record<string, string>;
    /**
     * Env name -> Secret Manager secret id, injected by reference; the runtime account may read exactly these.
     * @default {}
     */
    secrets?: Record<string, string>;
    /** CPU and memory of one instance (Cloud Run limits; Kubernetes requests and limits). */
    resources: { cpu: string; memory: string };
    /** Origins for `CORS_ORIGINS`, derived from the stack's own hostnames. */
    corsOrigins: string[];
    /** Cloud SQL binding for database services: socket, `DB_*` env, password by reference, client on one instance. */
    database?: DatabaseBinding;
    /**
     * Which database variables the app reads, with `database` (`DATABASE_URL` by reference to the binding's URL secret).
     * @default ["DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "INSTANCE_CONNECTION_NAME"]
     */
    databaseEnv?: DatabaseEnvName[];
    /** Google Cloud labels (environment, app, service, public). */
    labels: Record<string, string>;
    /** Resources that must exist first (the database instance, the upstream guard, the namespace). */
    waitFor?: pulumi.Resource[];
}
