/**
 * What the cloud would report back for each resource type, so outputs that feed other resources (emails,
 * connection names, secret ids) have realistic values in the offline plan.
 */
import type { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime";
import { serviceId } from "../components/cloudrun/liveService";
import { SECRET_PLACEHOLDER } from "../config";
import { committedStackOutputs } from "./stackOutputs";

type Inputs = Record<string, any>;
type StateFor = (inputs: Inputs, name: string) => Inputs;

const PROJECT = (inputs: Inputs) => inputs.project ?? "mock-project";

const computed: Record<string, StateFor> = {
    "gcp:serviceaccount/account:Account": (inputs) => {
        const email = `${inputs.accountId}@${PROJECT(inputs)}.iam.gserviceaccount.com`;
        return { email, member: `serviceAccount:${email}`, name: `projects/${PROJECT(inputs)}/serviceAccounts/${email}` };
    },
    "gcp:secretmanager/secret:Secret": (inputs) => ({ name: `projects/${PROJECT(inputs)}/secrets/${inputs.secretId}` }),
    "gcp:secretmanager/secretVersion:SecretVersion": (inputs) => ({ version: "1", name: `${inputs.secret}/versions/1` }),
    "gcp:sql/databaseInstance:DatabaseInstance": (inputs) => ({
        connectionName: `${PROJECT(inputs)}:${inputs.region}:${inputs.name}`,
        // Synthetic addresses: a public one only with ipv4Enabled, a private one only with a private network.
        ...(inputs.settings?.ipConfiguration?.ipv4Enabled === false ? {} : { publicIpAddress: "203.0.113.10" }),
        ...(inputs.settings?.ipConfiguration?.privateNetwork ? { privateIpAddress: "10.20.0.3" } : {}),
    }),
    "gcp:cloudrunv2/service:Service": (inputs) => ({
        uri: `https://${inputs.name}-mock-${inputs.location}.a.run.app`,
        trafficStatuses: (inputs.traffics ?? []).map((target: Inputs) => ({
            ...target,
            uri: target.tag ? `https://${target.tag}---${inputs.name}-mock-${inputs.location}.a.run.app` : "",
        })),
    }),
    // Read, not registered: answered from the referenced stack's committed file.
    "pulumi:pulumi:StackReference": (inputs) => ({ outputs: committedStackOutputs(inputs.name), secretOutputNames: [] }),
    "gcp:cloudrunv2/job:Job": (inputs) => ({ uid: `${inputs.name}-uid` }),
    "gcp:cloudbuild/trigger:Trigger": (inputs) => ({ triggerId: `${inputs.name}-mock-id` }),
    "gcp:monitoring/notificationChannel:NotificationChannel": (inputs, name) => ({ name: `projects/${PROJECT(inputs)}/notificationChannels/${name}-mock` }),
    "random:index/randomPassword:RandomPassword": () => ({ result: SECRET_PLACEHOLDER }),
    "gcp:compute/globalAddress:GlobalAddress": (inputs) => ({ address: inputs.address ?? (inputs.ipVersion === "IPV6" ? "2001:db8::80" : "203.0.113.80") }),
    // The shape Certificate Manager reports (synthetic id): the CNAME Google resolves to issue the domain's certificate.
    "gcp:certificatemanager/dnsAuthorization:DnsAuthorization": (inputs) => ({
        dnsResourceRecords: [{ name: `_acme-challenge.${inputs.domain}.`, type: "CNAME", data: `mock-${inputs.name}.1.authorize.certificatemanager.goog.` }],
    }),
};

/** Ids the provider gives resources whose id is not their name. */
const ids: Record<string, (state: Inputs) => string> = {
    "gcp:compute/network:Network": (state) => `projects/${PROJECT(state)}/global/networks/${state.name}`,
    "gcp:compute/subnetwork:Subnetwork": (state) => `projects/${PROJECT(state)}/regions/${state.region}/subnetworks/${state.name}`,
};

/** What data sources (invokes) would answer. */
const answers: Record<string, (inputs: Inputs) => Inputs> = {
    // Offline nothing is live: every Cloud Run service plans as its first deployment. The provider reports a missing
    // service as a failed invoke, "<id> not found", which the engine hands back as the gRPC error's details.
    "gcp:cloudrunv2/getService:getService": (inputs) => {
        const message = `${serviceId(inputs.project, inputs.location, inputs.name)} not found`;
        throw Object.assign(new Error(message), { details: message });
    },
    // A synthetic project number, the same for the same project id (real ones are 12 digits, unrelated to the id).
    "gcp:organizations/getProject:getProject": (inputs) => ({ projectId: inputs.projectId, number: syntheticProjectNumber(String(inputs.projectId)) }),
    "gcp:container/getCluster:getCluster": (inputs) => ({
        name: inputs.name,
        location: inputs.location,
        endpoint: "198.51.100.7",
        masterAuths: [{ clusterCaCertificate: "bW9jay1jbHVzdGVyLWNh" }],
    }),
};

function syntheticProjectNumber(projectId: string): string {
    let value = 7;
    for (const char of projectId) {
        value = (value * 31 + char.charCodeAt(0)) % 900000000000;
    }
    return String(100000000000 + value);
}

export function mockCall(args: MockCallArgs): Inputs {
    return answers[args.token]?.(args.inputs) ?? {};
}

/** Resource id and full state: inputs, plus what the provider would compute. */
export function mockResource(args: MockResourceArgs): { id: string; state: Inputs } {
    const state = { ...args.inputs, ...(computed[args.type]?.(args.inputs, args.name) ?? {}) };
    return { id: args.id || ids[args.type]?.(state) || state.name || `${args.name}-id`, state };
}
