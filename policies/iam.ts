/** IAM grants: no basic roles, no project-wide impersonation, no public access to a service not labelled public. */
import type { PolicyResource } from "@pulumi/policy";
import { CLOUD_RUN_SERVICE } from "./cloudrun";
import { grantsOf, IAM_TYPES, isPublicMember, PROJECT_LEVEL_IAM_TYPES } from "./support/iamGrants";
import { labelsOf, PUBLIC_LABEL } from "./support/labels";
import { known, matchesType, resourcePolicy, stackPolicy, UNKNOWN, type Unknown } from "./support/policy";

const BASIC_ROLES = ["roles/owner", "roles/editor", "roles/viewer"];
const IMPERSONATION_ROLES = ["roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"];

/** Cloud Run service types, with the property of their IAM resources that names the service. */
const CLOUD_RUN_SERVICES = [CLOUD_RUN_SERVICE, "gcp:cloudrun/service:Service"];
const CLOUD_RUN_IAM: ReadonlyArray<{ types: RegExp; serviceProperty: string }> = [
    { types: /^gcp:cloudrunv2\/serviceIam(Member|Binding|Policy):ServiceIam(Member|Binding|Policy)$/, serviceProperty: "name" },
    { types: /^gcp:cloudrun\/iam(Member|Binding|Policy):Iam(Member|Binding|Policy)$/, serviceProperty: "service" },
];

const memberText = (member: string | Unknown) => (typeof member === "string" ? member : "a member not known yet");

export const noBasicRoles = resourcePolicy({
    name: "iam-member-disallow-basic-roles",
    description: "No IAM grant gives the basic roles roles/owner, roles/editor or roles/viewer, which reach every service at once.",
    enforcementLevel: "mandatory",
    types: IAM_TYPES,
    check: (props, args, report) => {
        for (const { role, member } of grantsOf(args.type, props)) {
            if (typeof role === "string" && BASIC_ROLES.includes(role)) {
                report(`IAM grant "${args.name}" gives the basic role ${role} to ${memberText(member)}; grant a predefined role that covers only what the member needs.`);
            }
        }
    },
});

export const noProjectImpersonation = resourcePolicy({
    name: "iam-project-disallow-service-account-impersonation",
    description: "No project-, folder- or organization-level grant of iam.serviceAccountUser or iam.serviceAccountTokenCreator, which would allow acting as every service account.",
    enforcementLevel: "mandatory",
    types: PROJECT_LEVEL_IAM_TYPES,
    check: (props, args, report) => {
        for (const { role, member } of grantsOf(args.type, props)) {
            if (typeof role === "string" && IMPERSONATION_ROLES.includes(role)) {
                report(
                    `IAM grant "${args.name}" gives ${role} to ${memberText(member)} on the whole ${scopeOf(args.type)}, which lets it act as every service account there; ` +
                        `grant the role on the one service account it needs instead (gcp.serviceaccount.IAMMember).`,
                );
            }
        }
    },
});

export const noUnlabelledPublicInvoker = stackPolicy({
    name: "iam-cloudrun-disallow-unlabelled-public-invoker",
    description: "Only Cloud Run services labelled public=true in the same stack grant anything to allUsers or allAuthenticatedUsers.",
    enforcementLevel: "mandatory",
    check: (resources, _args, report) => {
        const services = resources.filter((resource) => CLOUD_RUN_SERVICES.includes(resource.type));
        for (const grant of resources) {
            const serviceProperty = CLOUD_RUN_IAM.find((iam) => matchesType(iam.types, grant.type))?.serviceProperty;
            if (serviceProperty === undefined) {
                continue;
            }
            const publicGrants = known(() => grantsOf(grant.type, grant.props).filter((entry) => isPublicMember(entry.member)));
            const target = known(() => lastSegment(grant.props[serviceProperty]));
            if (publicGrants === UNKNOWN || publicGrants.length === 0 || target === UNKNOWN) {
                continue;
            }
            const problem = publicLabelProblem(services, target);
            for (const { role, member } of problem ? publicGrants : []) {
                report(`IAM grant "${grant.name}" gives ${typeof role === "string" ? role : "a role"} to ${String(member)} on Cloud Run service "${target}", ${problem}`, grant.urn);
            }
        }
    },
});

/** Why a public grant on `target` is refused, or `undefined` if the service is labelled public (or cannot be told). */
function publicLabelProblem(services: PolicyResource[], target: string): string | undefined {
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
function scopeOf(type: string): string {
    return /^gcp:(project|folder|organization)/.exec(type)?.[1] ?? "project";
}

/** `projects/p/locations/l/services/web` and `web` both name service `web`. */
function lastSegment(name: unknown): string {
    return String(name).split("/").pop()!;
}

/** Every IAM policy, in the order the pack reports them. */
export const iamPolicies = [noBasicRoles, noProjectImpersonation, noUnlabelledPublicInvoker];
