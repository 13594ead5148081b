/**
 * The lines a build reports about itself for its notification (components/notifications): what a deployment
 * deploys and on whose word, and what a drift check found. Each is one line of plain characters (the report step
 * keeps only those), short enough for Cloud Build's step output.
 */
import { latestRelease } from "../../promotion/releases";
import type { Release, StackConfig } from "../../config";

/** Digests in messages: `sha256:` and the first 12 hex digits. */
export function shortDigest(digest: string): string {
    return digest.replace(/^sha256:/, "").slice(0, 12);
}

function provenance(release: Release | undefined, digest: string, config: StackConfig): string {
    if (release?.digest !== digest) {
        return config.upstream ? "no audit entry" : "built by this commit";
    }
    const by = `by ${release.by} at ${release.at}`;
    const reason = release.reason ? `: ${release.reason}` : "";
    switch (release.kind) {
        case "promote":
            return `promoted from ${release.from} ${by}${reason}`;
        case "rollback":
            return `rolled back ${by}${reason}`;
        case "force":
            return `forced from ${release.from} ${by}${reason}`;
    }
}

/** `demo: web 3009e099949b promoted from stage by a@b at ..., api ...`: what this deployment of the stack deploys. */
export function announcement(config: StackConfig): string {
    const services = Object.entries(config.services).map(
        ([service, settings]) => `${service} ${shortDigest(settings.digest)} ${provenance(latestRelease(config.releases, service), settings.digest, config)}`,
    );
    return `${config.stack}: ${services.join(", ")}`;
}

/** Operations of `pulumi preview --json` that change nothing. */
const UNCHANGED = new Set(["same", "read", "refresh"]);
const LISTED = 10;

/**
 * What differs, from `pulumi preview --json` (its `steps`, each with `op` and `urn`): `2 resources differ: update
 * web-service (gcp:cloudrunv2/service:Service), ...`; nothing when every step is unchanged. A document without steps
 * says nothing either: the check failed before it could compare (its log says why).
 */
export function driftSummary(preview: unknown): string[] {
    const steps = (preview as { steps?: unknown })?.steps;
    if (!Array.isArray(steps)) {
        return [];
    }
    const changed = (steps as Array<{ op?: unknown; urn?: unknown } | null>).filter(
        (step): step is { op: string; urn: string } => typeof step?.op === "string" && typeof step.urn === "string" && !UNCHANGED.has(step.op),
    );
    if (changed.length === 0) {
        return [];
    }
    const described = changed.slice(0, LISTED).map((step) => {
        const [, type = "?", name = step.urn] = /::([^:]+(?::[^:]+)*)::([^:]+)$/.exec(step.urn) ?? [];
        return `${step.op} ${name} (${type.split("$").pop()})`;
    });
    const more = changed.length > LISTED ? `, and ${changed.length - LISTED} more` : "";
    return [`${changed.length} ${changed.length === 1 ? "resource differs" : "resources differ"}: ${described.join(", ")}${more}`];
}
