/**
 * Promotion: which digests a stack released (`releasedDigests`), the audit trail, the upstream and program guards, deploy
 * windows, the stack references the program reads them through, and the decisions of `npm run promote` / `npm run rollback`
 * (their CLI is in cli/).
 */
export { decidePromotion, decideRollback, releaseEntries, type Change, type Decision, type PromoteInput, type RollbackInput } from "./guards";
export { checkProgram, parseProgramOutput, programHistory, PROGRAMS_KEPT, type ProgramOutput, type ProgramVerdict } from "./programGuard";
export { currentProgramHash, programFiles, programHash, PROGRAM_SOURCES } from "./programSource";
export {
    configuredDigests,
    configuredMigrators,
    isForcedRelease,
    latestRelease,
    parseReleasedDigests,
    parseReleasedMigrators,
    RELEASED_DIGESTS_KEPT,
    releasedDigests,
    releasedMigrators,
    RELEASES_KEPT_PER_SERVICE,
    releasesToDrop,
    requestedCandidatePercent,
    type ReleasedDigests,
    type ReleasedDigestsInput,
    type ReleasedMigrators,
} from "./releases";
export { foreignOutputsProblem, type ExpectedStack } from "./outputsIdentity";
export { staleDigestRefusal, staleDigests, type StaleDigest } from "./runningDigests";
export { cliStackName, stackReferenceName } from "./stackNames";
export { guardRunningDigests, guardUpstream, organizationOf, PreviousDeployment, type UpstreamGate } from "./stackReferences";
export { checkUpstream, type ServiceVerdict, type UpstreamCheckInput, type UpstreamVerdict } from "./upstreamGuard";
export { describeLocal, isOpen, localTime, nextOpening, windowVerdict, type LocalTime, type WindowVerdict } from "./windows";
