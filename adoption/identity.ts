/** Which estate resource a planned resource is: its kind and name as the estate file writes them. */
import type { PlannedResource } from "../offline/evaluate";
import type { ResourceKind } from "./estate/schema";

export interface Identity {
    kind: ResourceKind;
    name: string;
}

type Inputs = Record<string, any>;

const IDENTITIES: Readonly<Record<string, (inputs: Inputs) => Identity>> = {
    "gcp:cloudrunv2/service:Service": (i) => ({ kind: "cloudrun.service", name: i.name }),
    "gcp:cloudrun/domainMapping:DomainMapping": (i) => ({ kind: "cloudrun.domainMapping", name: i.name }),
    "gcp:cloudrunv2/job:Job": (i) => ({ kind: "cloudrun.job", name: i.name }),
    "gcp:sql/databaseInstance:DatabaseInstance": (i) => ({ kind: "sql.instance", name: i.name }),
    "gcp:sql/database:Database": (i) => ({ kind: "sql.database", name: `${i.instance}/${i.name}` }),
    "gcp:sql/user:User": (i) => ({ kind: "sql.user", name: `${i.instance}/${i.name}` }),
    "gcp:artifactregistry/repository:Repository": (i) => ({ kind: "artifactregistry.repository", name: i.repositoryId }),
    "gcp:cloudbuild/trigger:Trigger": (i) => ({ kind: "cloudbuild.trigger", name: i.name }),
    "gcp:secretmanager/secret:Secret": (i) => ({ kind: "secretmanager.secret", name: i.secretId }),
    "gcp:storage/bucket:Bucket": (i) => ({ kind: "storage.bucket", name: i.name }),
    "gcp:serviceaccount/account:Account": (i) => ({ kind: "iam.serviceAccount", name: i.accountId }),
    "cloudflare:index/dnsRecord:DnsRecord": (i) => ({ kind: "cloudflare.dnsRecord", name: i.name }),
};

/** The estate identity of a planned cloud resource; `undefined` for types the estate does not list (IAM grants, ...). */
export function identityOf(resource: Pick<PlannedResource, "type" | "inputs" | "custom">): Identity | undefined {
    const identify = resource.custom ? IDENTITIES[resource.type] : undefined;
    return identify?.(resource.inputs);
}
