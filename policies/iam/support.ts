/** What the iam policies share: type tokens, subjects of messages and readers of resource properties. */
import type { PolicyResource } from "@pulumi/policy";
import { CLOUD_RUN_SERVICE } from "../cloudrun/support";
import { labelsOf, PUBLIC_LABEL } from "../support/labels";
import { known, UNKNOWN, type Unknown } from "../support/policy";

export const BASIC_ROLES = ["roles/owner", "roles/editor", "roles/viewer"];

export const IMPERSONATION_ROLES = ["roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"];

/** Cloud Run service types, with the property of their IAM resources that names the service. */
export const CLOUD_RUN_SERVICES = [CLOUD_RUN_SERVICE, "gcp:cloudrun/service:Service"];

export const CLOUD_RUN_IAM: ReadonlyArray<{ types: RegExp; serviceProperty: string }> = [
    { types: /^gcp:cloudrunv2\/serviceIam(Member|Binding|Policy):ServiceIam(Member|Binding|Policy)$/, serviceProperty: "name" },
    { types: /^gcp:cloudrun\/iam(Member|Binding|Policy):Iam(Member|Binding|Policy)$/, serviceProperty: "service" },
];

export const memberText = (member: string | Unknown) => (typeof member === "string" ? member : "a member not known yet");

/** Why a public grant on `target` is refused, or `undefined` if the service is labelled public (or cannot be told). */
export function publicLabelProblem(services: PolicyResource[], target: string): string | undefined {
    const service = services.find((candidate) => known(() => lastSegment(candidate.props.name)) === target);
    if (!service) {
        return `which this stack does not declare, so no ${PUBLIC_LABEL}=true label vouches for it; declare the service here labelled ${PUBLIC_LABEL}=true, or remove the grant.`;
    }
    const label = known(() => labelsOf(service.type, service.props)[PUBLIC_LABEL]);
    if (label === UNKNOWN || label === "true") {
        return undefined;
    }
    return `which is not labelled ${PUBLIC_LABEL}=true (resource "${service.name}"); label it ${PUBLIC_LABEL}=true if it is meant to be public, or remove the grant.`;
}

/** `gcp:projects/iAMMember:IAMMember` -> `project`; likewise `folder` and `organization`. */
export function scopeOf(type: string): string {
    return /^gcp:(project|folder|organization)/.exec(type)?.[1] ?? "project";
}

/** `projects/p/locations/l/services/web` and `web` both name service `web`. */
export function lastSegment(name: unknown): string {
    return String(name).split("/").pop()!;
}
