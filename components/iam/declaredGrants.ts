/**
 * The IAM grants and service accounts a program declares, read from its resources' inputs (as the offline plan
 * records them), in the shape `reachOf` takes. Every `*IAMMember` type bilko declares is read; others are ignored.
 */
import type { DeclaredGrant, Scope } from "./reach";

/** A resource's inputs as the plan records them: plain JSON. */
type Inputs = Record<string, unknown>;

export interface DeclaredResource {
    type: string;
    inputs: Inputs;
}

const SCOPES: Readonly<Record<string, (inputs: Inputs) => Scope | undefined>> = {
    "gcp:projects/iAMMember:IAMMember": (i) => ({ kind: "project", project: String(i.project) }),
    "gcp:serviceaccount/iAMMember:IAMMember": (i) => serviceAccountScope(String(i.serviceAccountId)),
    "gcp:storage/bucketIAMMember:BucketIAMMember": (i) => resource("storage", i.bucket),
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": (i) => resource("kms", i.cryptoKeyId),
    "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember": (i) => resource("artifactregistry/projects", i.project, "locations", i.location, "repositories", i.repository),
    "gcp:secretmanager/secretIamMember:SecretIamMember": (i) => resource("secretmanager/projects", i.project, "secrets", i.secretId),
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": (i) => resource("run/projects", i.project, "locations", i.location, "services", i.name),
    "gcp:binaryauthorization/attestorIamMember:AttestorIamMember": (i) => resource("binaryauthorization/projects", i.project, "attestors", i.attestor),
};

/** `storage/<bucket>`, `kms/<key>`, ...: one resource, named by its service and path. */
function resource(...parts: unknown[]): Scope {
    return { kind: "resource", name: parts.map(String).join("/") };
}

/** `projects/<p>/serviceAccounts/<email>` (what an account's `name` is). */
function serviceAccountScope(name: string): Scope | undefined {
    const match = /^projects\/([^/]+)\/serviceAccounts\/(.+)$/.exec(name);
    return match ? { kind: "serviceAccount", project: match[1], email: match[2] } : undefined;
}

export function declaredGrants(resources: readonly DeclaredResource[]): DeclaredGrant[] {
    return resources.flatMap((resource) => {
        const scope = SCOPES[resource.type]?.(resource.inputs);
        if (!scope || typeof resource.inputs.role !== "string" || typeof resource.inputs.member !== "string") {
            return [];
        }
        const condition = (resource.inputs.condition as { expression?: unknown } | undefined)?.expression;
        return [{ member: resource.inputs.member, role: resource.inputs.role, scope, ...(typeof condition === "string" ? { condition } : {}) }];
    });
}

/** Every service account the resources declare: email -> project. */
export function declaredAccounts(resources: readonly DeclaredResource[]): Map<string, string> {
    return new Map(
        resources
            .filter((resource) => resource.type === "gcp:serviceaccount/account:Account")
            .map((resource) => [`${String(resource.inputs.accountId)}@${String(resource.inputs.project)}.iam.gserviceaccount.com`, String(resource.inputs.project)]),
    );
}
