/** The few settings of each resource a reviewer looks for first, for the plan's table. */
import type { PlannedResource } from "../offline/evaluate";

type Summarise = (inputs: Record<string, any>) => Array<string | false | undefined>;

const summaries: Record<string, Summarise> = {
    "gcp:cloudrunv2/service:Service": (i) => [
        `name=${i.name}`,
        `image=${i.template?.containers?.[0]?.image}`,
        `scale=${i.template?.scaling?.minInstanceCount}..${i.template?.scaling?.maxInstanceCount}`,
        `sa=${i.template?.serviceAccount}`,
        i.deletionProtection && "deletion-protection",
        // Only when closed: run.app open to all is the default, and what the edge block's mode says.
        i.ingress !== undefined && i.ingress !== "INGRESS_TRAFFIC_ALL" && `ingress=${String(i.ingress).replace(/^INGRESS_TRAFFIC_/, "").toLowerCase()}`,
        i.template?.vpcAccess && "vpc-egress",
        binaryAuthorizationOf(i),
        corsOf(i),
    ],
    "gcp:sql/databaseInstance:DatabaseInstance": (i) => [
        `name=${i.name}`,
        i.databaseVersion,
        i.settings?.edition,
        i.settings?.tier,
        i.settings?.availabilityType,
        `ssl=${i.settings?.ipConfiguration?.sslMode}`,
        i.settings?.backupConfiguration?.pointInTimeRecoveryEnabled && "pitr",
        i.deletionProtection && "deletion-protection",
        i.settings?.deletionProtectionEnabled && "gcp-deletion-protection",
        i.settings?.ipConfiguration?.ipv4Enabled === false ? "private-ip" : "public-ip",
        ...flagsOf(i, ["cloudsql.enable_pgaudit", "pgaudit.log", "log_statement"]),
        i.settings?.passwordValidationPolicy?.enablePasswordPolicy && "password-policy",
    ],
    "gcp:artifactregistry/repository:Repository": (i) => [
        `${i.location}/${i.repositoryId}`,
        i.format,
        i.dockerConfig?.immutableTags && "immutable-tags",
        i.mode === "REMOTE_REPOSITORY" ? `remote=${i.remoteRepositoryConfig?.dockerRepository?.publicRepository ?? i.remoteRepositoryConfig?.dockerRepository?.customRepository?.uri}` : `cleanup=${(i.cleanupPolicies ?? []).map((p: { id: string }) => p.id).join("+")}`,
    ],
    "cloudflare:index/dnsRecord:DnsRecord": (i) => [`${i.name} ${i.type} ${i.content}`, `ttl=${i.ttl}`, i.proxied ? "proxied" : "dns-only"],
    "gcp:cloudrun/domainMapping:DomainMapping": (i) => [`${i.name} -> ${i.spec?.routeName}`],
    "gcp:serviceaccount/account:Account": (i) => [i.accountId],
    "gcp:secretmanager/secret:Secret": (i) => [i.secretId],
    "gcp:secretmanager/secretIamMember:SecretIamMember": (i) => [`${i.role} on ${i.secretId}`],
    "gcp:projects/iAMMember:IAMMember": (i) => [i.role, i.condition && `if ${i.condition.title}`],
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": (i) => [`${i.role} for ${i.member}`],
    "gcp:sql/database:Database": (i) => [i.name, i.deletionPolicy && `deletionPolicy=${i.deletionPolicy}`],
    "gcp:compute/globalAddress:GlobalAddress": (i) => [i.name, i.ipVersion, i.purpose === "VPC_PEERING" && `${i.address}/${i.prefixLength} peering`],
    "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup": (i) => [i.name, `${i.networkEndpointType} -> ${i.cloudRun?.service}${i.cloudRun?.tag ? ` tag ${i.cloudRun.tag}` : ""}`],
    "gcp:compute/backendService:BackendService": (i) => [i.name, i.loadBalancingScheme, `armor=${lastSegment(i.securityPolicy) || "none"}`, i.logConfig?.enable ? `logging=${i.logConfig.sampleRate}` : "no-logging"],
    "gcp:compute/securityPolicy:SecurityPolicy": (i) => [i.name, ...armorOf(i.rules ?? [])],
    "gcp:compute/uRLMap:URLMap": (i) => [i.name, ...(i.hostRules ?? []).map((rule: { hosts: string[]; pathMatcher: string }) => `${rule.hosts.join(",")} -> ${rule.pathMatcher}`), i.defaultUrlRedirect && redirectOf(i.defaultUrlRedirect)],
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": (i) => [i.name, `certificates=${lastSegment(i.certificateMap)}`, `tls=${lastSegment(i.sslPolicy)}`],
    "gcp:compute/targetHttpProxy:TargetHttpProxy": (i) => [i.name, `-> ${lastSegment(i.urlMap)}`],
    "gcp:compute/globalForwardingRule:GlobalForwardingRule": (i) => [i.name, `${lastSegment(i.ipAddress)}:${i.portRange} -> ${lastSegment(i.target)}`],
    "gcp:compute/sSLPolicy:SSLPolicy": (i) => [i.name, i.profile, `min=${i.minTlsVersion}`],
    "gcp:certificatemanager/dnsAuthorization:DnsAuthorization": (i) => [i.name, i.domain],
    "gcp:certificatemanager/certificate:Certificate": (i) => [i.name, (i.managed?.domains ?? []).join(","), i.managed?.dnsAuthorizations?.length > 0 && "dns-authorization"],
    "gcp:certificatemanager/certificateMap:CertificateMap": (i) => [i.name],
    "gcp:certificatemanager/certificateMapEntry:CertificateMapEntry": (i) => [`${i.hostname} -> ${(i.certificates ?? []).map(lastSegment).join(",")}`],
    "kubernetes:cloud.google.com/v1:BackendConfig": (i) => [`${i.metadata?.namespace}/${i.metadata?.name}`, `armor=${i.spec?.securityPolicy?.name}`],
    "gcp:serviceaccount/iAMMember:IAMMember": (i) => [`${i.role} for ${i.member} on ${String(i.serviceAccountId).split("/").pop()}`],
    "kubernetes:apps/v1:Deployment": (i) => [
        `${i.metadata?.namespace}/${i.metadata?.name}`,
        `image=${i.spec?.template?.spec?.containers?.[0]?.image}`,
        `pull=${i.spec?.template?.spec?.containers?.[0]?.imagePullPolicy}`,
        `replicas=${i.spec?.replicas}`,
        i.spec?.template?.spec?.initContainers?.length > 0 && "cloud-sql-proxy",
    ],
    "kubernetes:batch/v1:Job": (i) => [`${i.metadata?.namespace}/${i.metadata?.name}`, `image=${i.spec?.template?.spec?.containers?.[0]?.image}`, `run=${(i.spec?.template?.spec?.containers?.[0]?.command ?? []).concat(i.spec?.template?.spec?.containers?.[0]?.args ?? []).join(" ")}`],
    "kubernetes:core/v1:Service": (i) => [`${i.metadata?.namespace}/${i.metadata?.name}`, `${i.spec?.type} :${i.spec?.ports?.[0]?.port} -> ${i.spec?.ports?.[0]?.targetPort}`],
    "kubernetes:networking.k8s.io/v1:Ingress": (i) => [`${i.spec?.rules?.[0]?.host}`, `ip=${i.metadata?.annotations?.["kubernetes.io/ingress.global-static-ip-name"]}`],
    "kubernetes:core/v1:ServiceAccount": (i) => [`${i.metadata?.name} as ${i.metadata?.annotations?.["iam.gke.io/gcp-service-account"]}`],
    "kubernetes:core/v1:Namespace": (i) => [i.metadata?.name],
    "gcp:sql/user:User": (i) => [i.name, i.password !== undefined && "password=generated", i.deletionPolicy && `deletionPolicy=${i.deletionPolicy}`],
    "gcp:cloudbuild/trigger:Trigger": (i) => [
        i.name,
        triggerEvent(i),
        i.includedFiles?.length > 0 && `included=${i.includedFiles.join(",")}`,
        i.ignoredFiles?.length > 0 && `ignored=${i.ignoredFiles.join(",")}`,
        i.approvalConfig?.approvalRequired ? "approval-required" : "no-approval",
        `sa=${String(i.serviceAccount).split("/").pop()}`,
        `steps=${i.build?.steps?.length ?? 0}`,
        i.build?.options?.requestedVerifyOption === "VERIFIED" && "verified-provenance",
        i.build?.images?.length > 0 && `images=${i.build.images.length}`,
    ],
    "gcp:cloudrunv2/job:Job": (i) => [
        `name=${i.name}`,
        `image=${i.template?.template?.containers?.[0]?.image}`,
        `run=${[...(i.template?.template?.containers?.[0]?.commands ?? []), ...(i.template?.template?.containers?.[0]?.args ?? [])].join(" ")}`,
        `sa=${i.template?.template?.serviceAccount}`,
        i.template?.template?.vpcAccess && "vpc-egress",
        binaryAuthorizationOf(i),
    ],
    "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember": (i) => [`${i.role} on repository ${i.repository}`],
    "gcp:storage/bucketIAMMember:BucketIAMMember": (i) => [`${i.role} on gs://${i.bucket}`, i.condition && `if ${i.condition.title}`],
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": (i) => [`${i.role} on key ${String(i.cryptoKeyId).split("/").pop()}`],
    "gcp:pubsub/topic:Topic": (i) => [i.name],
    "gcp:pubsub/subscription:Subscription": (i) => [`${i.name} on ${String(i.topic).split("/").pop()}`, `push=${i.pushConfig?.pushEndpoint}`, i.pushConfig?.oidcToken && `as ${i.pushConfig.oidcToken.serviceAccountEmail}`],
    "gcp:storage/bucket:Bucket": (i) => [`gs://${i.name}`, i.location],
    "gcp:storage/bucketObject:BucketObject": (i) => [`gs://${i.bucket}/${i.name}`, i.contentType],
    "gcp:cloudscheduler/job:Job": (i) => [i.name, `"${i.schedule}" ${i.timeZone}`, `${i.httpTarget?.httpMethod} ${i.httpTarget?.uri}`, i.httpTarget?.oauthToken && `as ${i.httpTarget.oauthToken.serviceAccountEmail}`],
    "gcp:logging/metric:Metric": (i) => [i.name, `filter=${i.filter}`],
    "gcp:monitoring/alertPolicy:AlertPolicy": (i) => [i.displayName, `conditions=${(i.conditions ?? []).map((c: { displayName: string }) => JSON.stringify(c.displayName)).join(" or ")}`, `to=${(i.notificationChannels ?? []).join(",")}`],
    "gcp:monitoring/notificationChannel:NotificationChannel": (i) => [i.type, i.labels?.email_address],
    "gcp:compute/network:Network": (i) => [i.name, i.autoCreateSubnetworks === false && "custom-subnets"],
    "gcp:compute/subnetwork:Subnetwork": (i) => [i.name, i.ipCidrRange, i.logConfig && "flow-logs"],
    "gcp:servicenetworking/connection:Connection": (i) => [`${i.service} peering ${(i.reservedPeeringRanges ?? []).join(",")}`],
    "gcp:binaryauthorization/policy:Policy": (i) => [
        `${i.defaultAdmissionRule?.evaluationMode} ${(i.defaultAdmissionRule?.requireAttestationsBies ?? []).join(",")}`,
        i.defaultAdmissionRule?.enforcementMode,
    ],
    "gcp:binaryauthorization/attestorIamMember:AttestorIamMember": (i) => [`${i.role} on attestor ${i.attestor} for ${i.member}`],
};

/** `binary-authorization` (the project's policy) or `binary-authorization=<policy>`; nothing when it is off. */
function binaryAuthorizationOf(inputs: Record<string, any>): string | undefined {
    const setting = inputs.binaryAuthorization;
    if (setting?.policy) {
        return `binary-authorization=${setting.policy}`;
    }
    return setting?.useDefault ? "binary-authorization" : undefined;
}

/** `name=value` of each of `names` the instance sets. */
function flagsOf(inputs: Record<string, any>, names: readonly string[]): string[] {
    const flags = (inputs.settings?.databaseFlags ?? []) as Array<{ name: string; value: string }>;
    return names.flatMap((name) => flags.filter((flag) => flag.name === name).map((flag) => `${flag.name}=${flag.value}`));
}

/** `push ^main$` or `pull-request ^main$ (COMMENTS_...)`, from either the GitHub or the 2nd-gen repository event. */
export function triggerEvent(inputs: Record<string, any>): string {
    const source = inputs.github ?? inputs.repositoryEventConfig ?? {};
    if (source.push) {
        return `push ${source.push.branch ?? source.push.tag}`;
    }
    if (inputs.sourceToBuild) {
        return `manual ${inputs.sourceToBuild.ref}`;
    }
    return source.pullRequest ? `pull-request ${source.pullRequest.branch} (${source.pullRequest.commentControl ?? "COMMENTS_DISABLED"})` : "no-event";
}

function lastSegment(reference: unknown): string {
    return typeof reference === "string" ? (reference.split("/").pop() ?? "") : "";
}

/** `enforce` or `preview`, the WAF rule sets and the rate limits of a Cloud Armor policy. */
function armorOf(rules: Array<Record<string, any>>): string[] {
    const expressions = rules.map((rule) => String(rule.match?.expr?.expression ?? ""));
    const waf = expressions.flatMap((expression) => /evaluatePreconfiguredWaf\('([a-z]+)-/.exec(expression)?.[1] ?? []);
    const limits = rules.filter((rule) => rule.action === "throttle").length;
    return [rules.some((rule) => rule.preview === true) ? "preview" : "enforce", `waf=${waf.join(",")}`, limits > 0 && `rate-limits=${limits}`].filter((part): part is string => typeof part === "string");
}

function redirectOf(redirect: Record<string, any>): string {
    return redirect.hostRedirect ? `other hosts -> https://${redirect.hostRedirect}` : "-> https";
}

function corsOf(inputs: Record<string, any>): string | undefined {
    const env = (inputs.template?.containers?.[0]?.envs ?? []) as Array<{ name: string; value?: string }>;
    const cors = env.find((entry) => entry.name === "CORS_ORIGINS");
    return cors ? `cors=${cors.value}` : undefined;
}

export function keySettings(resource: PlannedResource): string {
    const parts = summaries[resource.type]?.(resource.inputs) ?? [];
    if (resource.options.protect) {
        parts.push("protect");
    }
    if (resource.options.import) {
        parts.push(`adopt=${resource.options.import}`);
    }
    return parts.filter((part): part is string => typeof part === "string" && part.length > 0).join("  ");
}

/** `gcp:cloudrunv2/service:Service` -> `gcp:cloudrunv2:Service`. */
export function shortType(type: string): string {
    return type.replace(/\/[^:]+:/, ":");
}
