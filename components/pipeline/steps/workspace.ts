/**
 * Files steps hand to later steps. Cloud Build keeps `/workspace` (the checked-out commit) for the whole build, so
 * a digest resolved in one step is read by the next from here.
 */
export const HANDOFF_DIR = "/workspace/.bilko";

const inStack = (stack: string, file: string) => `${HANDOFF_DIR}/${stack}/${file}`;

export const handoff = {
    /** The digest the build pushed for `service`. */
    digest: (service: string) => `${HANDOFF_DIR}/digest-${service}`,
    /** The digest the build pushed for the migrator image of `service`. */
    migratorDigest: (service: string) => `${HANDOFF_DIR}/migrator-digest-${service}`,
    /** The build context of `service`'s migrator image (its Dockerfile and the socket factory jar). */
    migratorContext: (service: string) => `${HANDOFF_DIR}/migrator-${service}`,
    /** Per stack: what the deploy steps need to know about it. */
    stackDir: (stack: string) => `${HANDOFF_DIR}/${stack}`,
    /** `<build id> <epoch seconds>`: what this build writes as the stack's deploy lock. */
    lock: (stack: string) => inStack(stack, "lock"),
    /** Present while this build holds the deploy lock of the stack. */
    lockHeld: (stack: string) => inStack(stack, "lock-held"),
    /** `gcloud builds describe` of this build (prod: the approval). */
    build: (stack: string) => inStack(stack, "build.json"),
    /** `pulumi stack output --json` of the stack before this deployment. */
    outputs: (stack: string) => inStack(stack, "outputs.json"),
    /** `pulumi stack output --json` of the stack after `pulumi up` (its rollout, for the smoke test). */
    outputsAfter: (stack: string) => inStack(stack, "outputs-after.json"),
    /** `<config key path> <digest>`: the last released digests (and their migrators), put back after a failure. */
    restoreDigests: (stack: string) => inStack(stack, "restore-digests"),
    /** One URN per line: the Cloud Run services, excluded from the first `pulumi up`. */
    serviceUrns: (stack: string) => inStack(stack, "service-urns"),
    /** `<job> <region> <project>` per migrations job this deployment runs. */
    migrationJobs: (stack: string) => inStack(stack, "migration-jobs"),
    /** `<instance> <project>` to back up before migrating, or nothing. */
    backup: (stack: string) => inStack(stack, "backup"),
    /** The id of the on-demand backup taken before migrating. */
    backupId: (stack: string) => inStack(stack, "backup-id"),
    /** `<secret> <project>` per smoke login. */
    smokeSecrets: (stack: string) => inStack(stack, "smoke-secrets"),
    /** The smoke logins' credentials, one file per secret, deleted after the smoke test. */
    secretsDir: (stack: string) => inStack(stack, "secrets"),
    /** Present once a step changed the stack: a failure from then on needs a restore. */
    changed: (stack: string) => inStack(stack, "changed"),
    /** Present once a deploy step failed; holds which step, and why. */
    failed: (stack: string) => inStack(stack, "failed"),
    /** What the restore did, for the last step's summary. */
    restored: (stack: string) => inStack(stack, "restored"),
    /** One line saying what this deployment deploys, on whose word (the `announce` fact), for the report. */
    announce: (stack: string) => inStack(stack, "announce"),
    /** What the drift check found, for its report: one line, absent when nothing differs. */
    drift: (stack: string) => inStack(stack, "drift"),
};
