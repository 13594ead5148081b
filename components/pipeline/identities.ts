/**
 * The pipeline's service accounts and every role they hold, each with the reason it is needed. A role is granted
 * on the one resource it is about whenever IAM allows that; the project-level ones are for resources the program
 * itself creates (there is nothing narrower to grant on before they exist) or that have no IAM of their own.
 *
 * No account can widen its own rights: no role any of them may grant (through the one conditioned projectIamAdmin)
 * can set an IAM policy, none holds a service-account admin role on the project, and none may act as another
 * pipeline account but the build account as the preview account (read-only rights: it previews every stack). So every
 * grant to a pipeline account is applied by a person (docs/pipeline.md, "What a person applies"); the pipeline only
 * reads them. `test/program/escalation.test.ts` computes what each account reaches.
 */

export const PIPELINE_IDENTITIES = ["build", "deploy", "preview"] as const;
export type PipelineIdentity = (typeof PIPELINE_IDENTITIES)[number];

export const IDENTITY_PURPOSE: Readonly<Record<PipelineIdentity, string>> = {
    build: "runs the build trigger: builds and pushes each image once, then deploys stage",
    deploy: "runs the deploy trigger of one promoted stack: pulumi up of that stack, in its own project; cannot push images",
    preview: "runs the pull-request trigger and the daily drift checks: tests and pulumi preview, reading state but changing nothing in the cloud",
};

/** One `T` per identity, made in the order of PIPELINE_IDENTITIES. */
export function perIdentity<T>(make: (identity: PipelineIdentity) => T): Record<PipelineIdentity, T> {
    return { build: make("build"), deploy: make("deploy"), preview: make("preview") };
}

/** `bilko-build`, `bilko-preview`: the accounts of the shared stack's triggers. */
export function pipelineAccountId(app: string, identity: Exclude<PipelineIdentity, "deploy">): string {
    return `${app}-${identity}`;
}

/** `bilko-deploy-prod`: the account that deploys one promoted stack, in that stack's project only. */
export function deployAccountId(app: string, stack: string): string {
    return `${app}-deploy-${stack}`;
}

function serviceAccountEmail(accountId: string, project: string): string {
    return `${accountId}@${project}.iam.gserviceaccount.com`;
}

export function pipelineAccountEmail(app: string, project: string, identity: Exclude<PipelineIdentity, "deploy">): string {
    return serviceAccountEmail(pipelineAccountId(app, identity), project);
}

/** The deployer of a promoted stack as an IAM member: it runs `pulumi up` on that stack and nothing else. */
export function deployAccountMember(app: string, project: string, stack: string): string {
    return `serviceAccount:${serviceAccountEmail(deployAccountId(app, stack), project)}`;
}

/** Where a role is granted: the (stack's) project, or the one resource its permissions are about. */
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

/** What a stack runs that needs roles of its own: services on GKE, a VPC of its own, daily drift checks, notifications. */
export interface StackNeeds {
    kubernetes: boolean;
    network: boolean;
    drift?: boolean;
    /** The shared stack declares bilko:notifications. */
    notifications?: boolean;
}

/** The one project-level role the stacks themselves grant (Cloud SQL client, conditioned on one instance). */
const STACK_PROJECT_ROLES: readonly string[] = ["roles/cloudsql.client"];

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

/** Only when a stack declares bilko:network: its VPC, subnet, reserved range and the Private Service Access peering. */
const NETWORK: RoleGrant[] = [
    {
        role: "roles/compute.networkAdmin",
        scope: "project",
        reason: "Only when a stack declares bilko:network: creates and updates its VPC, egress subnet and reserved range (no firewall rules, no instances).",
    },
    {
        role: "roles/servicenetworking.networksAdmin",
        scope: "project",
        reason: "Only when a stack declares bilko:network: peers the VPC with Google's services (Private Service Access) for the database's private IP.",
    },
];

/** What `pulumi up` of any stack needs: the program creates these resources, so the grants are on the project. */
const MANAGE_STACK: RoleGrant[] = [
    { role: "roles/run.admin", scope: "project", reason: "Creates and updates the Cloud Run services, migrations jobs, domain mappings and their invoker grants; executes the migrations job." },
    { role: "roles/cloudsql.admin", scope: "project", reason: "Manages the Cloud SQL instance, database and user; Cloud SQL has no per-instance IAM." },
    { role: "roles/secretmanager.admin", scope: "project", reason: "Creates the database password secret and its versions, grants accessor on secrets to runtime accounts, and reads versions back on refresh." },
    {
        role: "roles/iam.serviceAccountCreator",
        scope: "project",
        reason: "Creates the runtime accounts of services and jobs; it holds no right on any account, which a person grants on each new one (admin and actAs on that account alone).",
    },
    {
        role: "roles/compute.loadBalancerAdmin",
        scope: "project",
        reason: "Manages the load balancer of a stack served through it (bilko:edge.mode): addresses, serverless NEGs, backend services, URL maps, proxies, forwarding rules, TLS policy; none of them has IAM of its own.",
    },
    { role: "roles/compute.securityAdmin", scope: "project", reason: "Manages the stacks' Cloud Armor policies and attaches them to the backends; security policies have no IAM of their own." },
    { role: "roles/certificatemanager.editor", scope: "project", reason: "Creates each load-balanced hostname's DNS authorization and certificate, and the certificate map; Certificate Manager has no narrower scope." },
];

/**
 * projectIamAdmin whose condition lets the account add or remove only `grantableRoles`; none of them can set an IAM
 * policy, so the account can never grant itself (or anyone) more than they carry.
 */
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

const GRANT_CLOUD_SQL_CLIENT = projectIamAdmin(
    STACK_PROJECT_ROLES,
    "Grants what a stack declares at project level: Cloud SQL client, conditioned on one instance; the condition allows no other role, and Cloud SQL client sets no IAM policy.",
);

/** Extra for the stack that owns the pipeline: the repository and the build and preview triggers. */
const MANAGE_PIPELINE: RoleGrant[] = [
    {
        role: "roles/artifactregistry.admin",
        scope: "repository",
        reason: "Pushes sha-<commit> tags and reads them back to verify them; stage's pulumi up also manages the repository (cleanup, scanning) and the grants on it.",
    },
    { role: "roles/cloudbuild.builds.editor", scope: "project", reason: "Stage's pulumi up manages the build and preview triggers; triggers have no IAM of their own." },
];

/**
 * Only with bilko:notifications, for stage's pulumi up (the build account): the notifiers' topic and subscriptions, the
 * alert policy and its channel, the log-based metrics, and the drift schedules. None of these roles may set an IAM
 * policy. The notifiers' config files are written through a grant on their bucket alone, which the notifications
 * component declares (the bucket is its own); like every grant to a pipeline account, a person applies it.
 */
function manageNotifications(drift: boolean): RoleGrant[] {
    return [
        { role: "roles/pubsub.editor", scope: "project", reason: "Only with notifications: the cloud-builds topic and the notifiers' push subscriptions; sets no IAM policy." },
        { role: "roles/monitoring.alertPolicyEditor", scope: "project", reason: "Only with notifications: the alert policy on failed builds, deployments and smoke tests." },
        { role: "roles/monitoring.notificationChannelEditor", scope: "project", reason: "Only with notifications: the alert's email notification channel." },
        { role: "roles/logging.configWriter", scope: "project", reason: "Only with notifications: the log-based metrics the alert counts; logs have no narrower scope." },
        ...(drift ? [{ role: "roles/cloudscheduler.admin", scope: "project" as const, reason: "Only with drift checks: the Cloud Scheduler jobs that run them; jobs have no IAM of their own." }] : []),
    ];
}

/** A promoted stack's deployer: its own deploy trigger, the approval of its own build, and the images it deploys. */
const DEPLOY_ONLY: RoleGrant[] = [
    {
        role: "roles/cloudbuild.builds.editor",
        scope: "project",
        reason: "Manages its stack's own deploy trigger, and reads its own build's approval (gcloud builds describe) for the four-eyes check on prod; builds have no narrower scope.",
    },
    {
        role: "roles/artifactregistry.reader",
        scope: "repository",
        reason: "Deploying a Cloud Run service needs read access to the repository its image is in; reads, never pushes.",
    },
];

/** Read-only roles on each stack's project: `pulumi preview` reads live resources a stack adopts. */
const PREVIEW_PROJECT: RoleGrant[] = [
    { role: "roles/run.viewer", scope: "project", reason: "Reads Cloud Run services a stack adopts (import) before they are in the state." },
    { role: "roles/cloudsql.viewer", scope: "project", reason: "Reads the Cloud SQL instance a stack adopts (import) before it is in the state." },
];

const PREVIEW: RoleGrant[] = [
    { role: "roles/storage.objectViewer", scope: "stateBucket", reason: "Reads the Pulumi state to diff against." },
    { role: "roles/cloudkms.cryptoKeyDecrypter", scope: "secretsKey", reason: "Decrypts the secrets in the state and stack files; cannot encrypt new ones." },
    ...PREVIEW_PROJECT,
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

/** The roles of the preview account in the project of a stack outside the pipeline's own project. */
export function previewProjectGrants(needs: Pick<StackNeeds, "kubernetes" | "drift">): RoleGrant[] {
    const driftReaders = DRIFT_READERS.filter((grant) => grant.scope === "project");
    return [...PREVIEW_PROJECT, ...(needs.kubernetes ? [KUBERNETES_PREVIEW] : []), ...(needs.drift ? driftReaders : [])];
}

/**
 * Every role each pipeline identity holds: build and preview in the shared stack's project, deploy (one account per
 * promoted stack) in its stack's project. The GKE and network roles only when some stack needs them, the drift readers
 * only with drift checks.
 */
export function pipelineGrants(stateBucket: string, needs: StackNeeds = { kubernetes: false, network: false }): Record<PipelineIdentity, RoleGrant[]> {
    const kubernetes = (grant: RoleGrant) => (needs.kubernetes ? [grant] : []);
    const network = needs.network ? NETWORK : [];
    const deployAndBuild = [...MANAGE_STACK, ...STATE_AND_SECRETS, LOG_WRITER, CACHE_READER, LOG_VIEWER, ...kubernetes(KUBERNETES_DEPLOY), ...network];
    return {
        build: [...MANAGE_PIPELINE, ...deployAndBuild, GRANT_CLOUD_SQL_CLIENT, ...(needs.notifications ? manageNotifications(needs.drift ?? false) : [])],
        deploy: [...DEPLOY_ONLY, ...deployAndBuild, GRANT_CLOUD_SQL_CLIENT],
        preview: [...PREVIEW, stateLockGrant(stateBucket), CACHE_READER, ...kubernetes(KUBERNETES_PREVIEW), ...(needs.drift ? DRIFT_READERS : [])],
    };
}
