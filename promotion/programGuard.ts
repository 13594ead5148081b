/**
 * The program guard: a stack with an upstream never runs program code the upstream has not deployed. Every stack
 * exports `program` (the hash of the program it last deployed, and every one it deployed before); a deployment whose
 * own hash is not among the upstream's is refused. It replaces a git diff in the pipeline: builds started from a
 * GitHub App connection may have no `.git`, and the fact belongs to the stacks, not to a commit.
 */
import { show } from "../common/text";
import { isDigest } from "../components/registry/images";

/** Program hashes a stack keeps (newest first): enough for any deployment still worth making. */
export const PROGRAMS_KEPT = 100;

/** The `program` output of a stack. */
export interface ProgramOutput {
    /** `sha256:` hash of the program of the last successful deployment. */
    hash: string;
    /** Every program hash the stack deployed, newest first (the current one included). */
    deployed: string[];
}

export interface ProgramVerdict {
    upstream: string;
    hash: string;
    ran: boolean;
    /** Why the upstream cannot vouch for this program; absent when it ran there. */
    problem?: string;
}

/** A `program` output read back from a stack; anything malformed counts as none. */
export function parseProgramOutput(value: unknown): ProgramOutput | undefined {
    if (typeof value !== "object" || value === null) {
        return undefined;
    }
    const { hash, deployed } = value as Record<string, unknown>;
    if (!isDigest(hash) || !Array.isArray(deployed) || !deployed.every(isDigest)) {
        return undefined;
    }
    return { hash, deployed };
}

/** What this deployment exports: its own hash first, then the ones deployed before. */
export function programHistory(hash: string, previous: ProgramOutput | undefined): ProgramOutput {
    return { hash, deployed: [...new Set([hash, ...(previous?.deployed ?? [])])].slice(0, PROGRAMS_KEPT) };
}

const short = (hash: string) => hash.slice(0, "sha256:".length + 12);

export function checkProgram(input: { file: string; upstream: string; hash: string; upstreamProgram: unknown }): ProgramVerdict {
    const { upstream, hash } = input;
    const reported = parseProgramOutput(input.upstreamProgram);
    if (reported?.deployed.includes(hash)) {
        return { upstream, hash, ran: true };
    }
    const what = reported
        ? `stack "${upstream}" never deployed this program (${short(hash)}); it last deployed ${short(reported.hash)}`
        : input.upstreamProgram === undefined
          ? `stack "${upstream}" reports no program output, so it cannot vouch for this program (${short(hash)})`
          : `stack "${upstream}" reports a malformed program output ${show(input.upstreamProgram, 60)}`;
    return { upstream, hash, ran: false, problem: `${input.file}: ${what}; deploy ${upstream} with this commit first (its pipeline does), then this stack` };
}
