/**
 * The pipeline's service accounts and every role they hold, each with the reason it is needed. A role is granted
 * on the one resource it is about whenever IAM allows that; the project-level ones are for resources the program
 * itself creates (there is nothing narrower to grant on before they exist) or that have no IAM of their own.
 */

export const PIPELINE_IDENTITIES = ["build", "deploy", "preview"] as const;
export type PipelineIdentity = (typeof PIPELINE_IDENTITIES)[number];

export const IDENTITY_PURPOSE: Readonly<Record<PipelineIdentity, string>> = {
    build: "runs the build trigger: builds and pushes each image once, then deploys stage",
    deploy: "runs the deploy-demo and deploy-prod triggers: pulumi up of a promoted stack; cannot push images",
    preview: "runs the pull-request trigger and the daily drift checks: tests and pulumi preview, reading state but changing nothing in the cloud",
};

/** One `T` per identity, made in the order of PIPELINE_IDENTITIES. */
export function perIdentity<T>(make: (identity: PipelineIdentity) => T): Record<PipelineIdentity, T> {
    return { build: make("build"), deploy: make("deploy"), preview: make("preview") };
}

/** `bilko-build`, `bilko-deploy`, `bilko-preview`. */
export function pipelineAccountId(app: string, identity: PipelineIdentity): string {
    return `${app}-${identity}`;
}

export function pipelineAccountEmail(app: string, project: string, identity: PipelineIdentity): string {
    return `${pipelineAccountId(app, identity)}@${project}.iam.gserviceaccount.com`;
}

/** The deploy account as an IAM member: it runs `pulumi up` on every stack but the one that owns the pipeline. */
export function deployAccountMember(app: string, project: string): string {
    return `serviceAccount:${pipelineAccountEmail(app, project, "deploy")}`;
}

/** Where a role is granted: the project, or the one resource its permissions are about. */
export type GrantScope = "project" | "repository" | "dockerHubCache" | "stateBucket" | "secretsKey";

export interface IamCondition {
    title: string;
    description: string;
    expression: string;
}

export interface RoleGrant {
    role: string;
    scope: GrantScope;
    reason: string;
    condition?: IamCondition;
}

/** The one project-level role the stacks themselves grant (Cloud SQL client, conditioned on one instance). */
const STACK_PROJECT_ROLES = ["roles/cloudsql.client"];

const LOG_WRITER: RoleGrant = {
    role: "roles/logging.logWriter",
    scope: "project",
    reason: "A build running as a user-managed account must write its own log (CLOUD_LOGGING_ONLY); logs have no narrower scope.",
};

const STATE_AND_SECRETS: RoleGrant[] = [
    { role: "roles/storage.objectUser", scope: "stateBucket", reason: "Reads and writes the Pulumi state, its stack lock and bilko's deploy lock (.bilko/locks/) in the state bucket, and nothing else in Cloud Storage." },
    { role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", scope: "secretsKey", reason: "Decrypts and re-encrypts the secrets in the state and the stack files (the stacks' secrets provider key only)." },
];

/** Every build pulls its builder images (and the build its Flyway base) through the Docker Hub cache. */
const CACHE_READER: RoleGrant = {
    role: "roles/artifactregistry.reader",
    scope: "dockerHubCache",
    reason: "Pulls the builder images (and Flyway, the migrator's base) through the Docker Hub cache; reads nothing else there.",
};

/** What a deployment reads besides the stack: the migrations' logs. */
const LOG_VIEWER: RoleGrant = {
    role: "roles/logging.viewer",
    scope: "project",
    reason: "Copies each migrations job execution's log (Flyway validate, migrate, info) into the build log; logs have no narrower scope.",
};

/** Only when a stack runs services on GKE: Pulumi creates their Kubernetes objects; the preview reads them. */
const KUBERNETES_DEPLOY: RoleGrant = {
    role: "roles/container.developer",
    scope: "project",
    reason: "Only when a stack runs services on GKE: creates and updates their Kubernetes objects (no cluster administration); GKE has no narrower IAM scope than the project.",
};
const KUBERNETES_PREVIEW: RoleGrant = {
    role: "roles/container.viewer",
    scope: "project",
    reason: "Only when a stack runs services on GKE: reads the cluster and its Kubernetes objects to preview them; changes nothing.",
};

/** What `pulumi up` of any stack needs: the program creates these resources, so the grants are on the project. */
const MANAGE_STACK: RoleGrant[] = [
    { role: "roles/run.admin", scope: "project", reason: "Creates and updates the Cloud Run services, migrations jobs, domain mappings and their invoker grants; executes the migrations job." },
    { role: "roles/cloudsql.admin", scope: "project", reason: "Manages the Cloud SQL instance, database and user; Cloud SQL has no per-instance IAM." },
    { role: "roles/secretmanager.admin", scope: "project", reason: "Creates the database password secret and its versions, grants accessor on secrets to runtime accounts, and reads versions back on refresh." },
    { role: "roles/iam.serviceAccountAdmin", scope: "project", reason: "Creates the runtime accounts of services and jobs, and grants the deployer actAs on each of them (never project-wide)." },
    {
        role: "roles/compute.loadBalancerAdmin",
        scope: "project",
        reason: "Manages the load balancer of a stack served through it (bilko:edge.mode): addresses, serverless NEGs, backend services, URL maps, proxies, forwarding rules, TLS policy; none of them has IAM of its own.",
    },
    { role: "roles/compute.securityAdmin", scope: "project", reason: "Manages the stacks' Cloud Armor policies and attaches them to the backends; security policies have no IAM of their own." },
    { role: "roles/certificatemanager.editor", scope: "project", reason: "Creates each load-balanced hostname's DNS authorization and certificate, and the certificate map; Certificate Manager has no narrower scope." },
];

function projectIamAdmin(grantableRoles: readonly string[], reason: string): RoleGrant {
    const list = grantableRoles.map((role) => `'${role}'`).join(", ");
    return {
        role: "roles/resourcemanager.projectIamAdmin",
        scope: "project",
        reason,
        condition: {
            title: "only-roles-the-program-grants",
            description: `May add or remove only: ${grantableRoles.join(", ")}.`,
            expression: `api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([${list}])`,
        },
    };
}

/** Extra for the stack that owns the pipeline: the repository, the triggers, and the pipeline's own grants. */
const MANAGE_PIPELINE: RoleGrant[] = [
    {
        role: "roles/artifactregistry.admin",
        scope: "repository",
        reason: "Pushes sha-<commit> tags and reads them back to verify and scan; stage's pulumi up also manages the repository and the grants on it.",
    },
    { role: "roles/cloudbuild.builds.editor", scope: "project", reason: "Stage's pulumi up manages the triggers; triggers have no IAM of their own." },
];

/** Four eyes: the deploy account reads its own build's approval; the build account can already (builds.editor). */
const APPROVAL_READER: RoleGrant = {
    role: "roles/cloudbuild.builds.viewer",
    scope: "project",
    reason: "Reads its own build's approval (gcloud builds describe) for the four-eyes check on prod; builds have no narrower scope.",
};

const PREVIEW: RoleGrant[] = [
    { role: "roles/storage.objectViewer", scope: "stateBucket", reason: "Reads the Pulumi state to diff against." },
    { role: "roles/cloudkms.cryptoKeyDecrypter", scope: "secretsKey", reason: "Decrypts the secrets in the state and stack files; cannot encrypt new ones." },
    { role: "roles/run.viewer", scope: "project", reason: "Reads Cloud Run services a stack adopts (import) before they are in the state." },
    { role: "roles/cloudsql.viewer", scope: "project", reason: "Reads the Cloud SQL instance a stack adopts (import) before it is in the state." },
    LOG_WRITER,
];

/**
 * Only with drift checks: `pulumi preview --refresh` reads every resource of a stack as the cloud has it, so the
 * account that runs them (preview) can read each kind the program declares; none of these reads a secret's value.
 */
const DRIFT_READERS: RoleGrant[] = [
    { role: "roles/iam.securityReviewer", scope: "project", reason: "Only with drift checks: reads the IAM policies and service accounts a refresh compares; changes nothing." },
    { role: "roles/secretmanager.viewer", scope: "project", reason: "Only with drift checks: reads secrets' metadata on refresh, never a value." },
    { role: "roles/pubsub.viewer", scope: "project", reason: "Only with drift checks: reads the cloud-builds topic and the notifiers' subscriptions on refresh." },
    { role: "roles/artifactregistry.reader", scope: "repository", reason: "Only with drift checks: reads the repository's settings on refresh (the notifications component grants the same on its bucket and image cache)." },
    { role: "roles/cloudbuild.builds.viewer", scope: "project", reason: "Only with drift checks: reads the triggers on refresh; builds have no narrower scope." },
    { role: "roles/cloudscheduler.viewer", scope: "project", reason: "Only with drift checks: reads the drift schedules on refresh." },
    { role: "roles/monitoring.viewer", scope: "project", reason: "Only with drift checks: reads the alert policy and its notification channel on refresh." },
    { role: "roles/logging.viewer", scope: "project", reason: "Only with drift checks: reads the log-based metrics on refresh; logs have no narrower scope." },
];

/** The lock `pulumi preview` takes: the one object prefix the preview account may write. */
function stateLockGrant(bucket: string): RoleGrant {
    return {
        role: "roles/storage.objectUser",
        scope: "stateBucket",
        reason: "Takes and releases the stack lock during preview; the condition limits writes to the lock objects.",
        condition: {
            title: "pulumi-locks-only",
            description: "Only the Pulumi lock objects under .pulumi/locks/.",
            expression: `resource.name.startsWith('projects/_/buckets/${bucket}/objects/.pulumi/locks/')`,
        },
    };
}

/** Every role each pipeline identity holds; the GKE roles only when some stack runs services on Kubernetes, the drift readers only with drift checks. */
export function pipelineGrants(stateBucket: string, options: { kubernetes: boolean; drift?: boolean } = { kubernetes: false }): Record<PipelineIdentity, RoleGrant[]> {
    const projectRolesOf = (grants: RoleGrant[]) => grants.filter((grant) => grant.scope === "project").map((grant) => grant.role);
    const kubernetes = (grant: RoleGrant) => (options.kubernetes ? [grant] : []);
    const deployAndBuild = [...MANAGE_STACK, ...STATE_AND_SECRETS, LOG_WRITER, CACHE_READER, LOG_VIEWER, ...kubernetes(KUBERNETES_DEPLOY)];
    const deploy = [...deployAndBuild, APPROVAL_READER];
    const preview = [...PREVIEW, stateLockGrant(stateBucket), CACHE_READER, ...kubernetes(KUBERNETES_PREVIEW), ...(options.drift ? DRIFT_READERS : [])];
    const buildWithoutIamAdmin = [...MANAGE_PIPELINE, ...deployAndBuild];
    // Stage's pulumi up manages every pipeline grant too, so the build account may hand out exactly those roles.
    const pipelineProjectRoles = [
        ...new Set([...STACK_PROJECT_ROLES, ...projectRolesOf(buildWithoutIamAdmin), ...projectRolesOf(deploy), ...projectRolesOf(preview), "roles/resourcemanager.projectIamAdmin"]),
    ];
    return {
        build: [
            ...buildWithoutIamAdmin,
            projectIamAdmin(pipelineProjectRoles, "Grants what stage declares at project level: Cloud SQL client (on one instance) and the pipeline accounts' own roles; the condition allows no other role."),
        ],
        deploy: [...deploy, projectIamAdmin(STACK_PROJECT_ROLES, "Grants what a stack declares at project level: Cloud SQL client, conditioned on one instance; the condition allows no other role.")],
        preview,
    };
}
