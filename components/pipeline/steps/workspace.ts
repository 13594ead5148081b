/**
 * Files steps hand to later steps. Cloud Build keeps `/workspace` (the checked-out commit) for the whole build, so
 * a digest resolved in one step is read by the next from here.
 */
export const HANDOFF_DIR = "/workspace/.bilko";

export const handoff = {
    /** The digest the build pushed for `service`. */
    digest: (service: string) => `${HANDOFF_DIR}/digest-${service}`,
    /** Per stack: what the deploy steps need to know about it. */
    stackDir: (stack: string) => `${HANDOFF_DIR}/${stack}`,
    /** `<config key path> <digest>` per service: what the stack ran before this build, restored on a failed smoke test. */
    previousDigests: (stack: string) => `${HANDOFF_DIR}/${stack}/previous-digests`,
    /** One health URL per line. */
    healthUrls: (stack: string) => `${HANDOFF_DIR}/${stack}/health-urls`,
    /** `<job> <region> <project>` per migrations job. */
    migrationJobs: (stack: string) => `${HANDOFF_DIR}/${stack}/migration-jobs`,
    /** One URN per line: the migrations jobs and everything they need, for the first, targeted `pulumi up`. */
    migrationTargets: (stack: string) => `${HANDOFF_DIR}/${stack}/migration-targets`,
    /** Present once a deploy step failed; holds which step, and why. */
    failed: (stack: string) => `${HANDOFF_DIR}/${stack}/failed`,
};
