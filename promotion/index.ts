/**
 * Promotion: which digests a stack ran (`releasedDigests`), the audit trail, the upstream guard, the stack references
 * the program reads them through, and the decisions of `npm run promote` / `npm run rollback` (their CLI is in cli/).
 */
export { decidePromotion, decideRollback, releaseEntries, type Change, type Decision, type PromoteInput, type RollbackInput } from "./guards";
export {
    configuredDigests,
    isForcedRelease,
    latestRelease,
    parseReleasedDigests,
    RELEASED_DIGESTS_KEPT,
    releasedDigests,
    RELEASES_KEPT_PER_SERVICE,
    releasesToDrop,
    requestedCandidatePercent,
    type ReleasedDigests,
    type ReleasedDigestsInput,
} from "./releases";
export { foreignOutputsProblem, type ExpectedStack } from "./outputsIdentity";
export { cliStackName, stackReferenceName } from "./stackNames";
export { guardUpstream, organizationOf, PreviousDeployment, type UpstreamGate } from "./stackReferences";
export { checkUpstream, type ServiceVerdict, type UpstreamCheckInput, type UpstreamVerdict } from "./upstreamGuard";
