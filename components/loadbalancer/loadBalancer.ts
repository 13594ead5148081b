import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { CANARY_TAGS } from "../cloudrun/canary";
import { certificateManagerId, certificateName, globalId, loadBalancerName, regionalNegId } from "./names";
import { HTTPS_REDIRECT, hostRouting, unknownHostRedirect } from "./routing";

/** A Cloud Run service the load balancer serves under its hostname. */
export interface LoadBalancedService {
    /** Service key (`api`): names its NEGs, backends and path matcher. */
    service: string;
    hostname: string;
    /** The Cloud Run service the serverless NEGs point at. */
    serviceName: string;
    /** The Cloud Run service resource, so the NEGs wait for it. */
    cloudRunService: pulumi.Resource;
    /** `projects/<p>/global/securityPolicies/<name>`: the service's Cloud Armor policy, on both its backends. */
    securityPolicy: pulumi.Input<string>;
}

export interface LoadBalancerArgs {
    project: string;
    /** Region of the Cloud Run services, so of their serverless NEGs. */
    region: string;
    app: string;
    environment: string;
    /** One per hostname; a request for a host none of them has is redirected to the first one. */
    services: LoadBalancedService[];
    /** Google Cloud labels of the addresses, forwarding rules and certificates. */
    labels: Record<string, string>;
}

/** The CNAME a DNS authorization asks for (`_acme-challenge.<hostname>.` -> `<id>.<n>.authorize.certificatemanager.goog.`). */
export interface AuthorizationRecord {
    name: string;
    type: string;
    data: string;
}

const SCHEME = "EXTERNAL_MANAGED";

/**
 * A global external Application Load Balancer in front of Cloud Run: global IPv4 and IPv6 addresses, per service a
 * serverless NEG and a backend service (request logging on, its Cloud Armor policy attached) plus the same for the
 * revision tagged candidate, a URL map with one host rule per hostname, HTTPS with a Certificate Manager certificate
 * per hostname (DNS authorization; the CNAMEs are the caller's to publish), TLS 1.2 at least, and HTTP redirected.
 */
export class LoadBalancer extends pulumi.ComponentResource {
    readonly ipv4: pulumi.Output<string>;
    readonly ipv6: pulumi.Output<string>;
    /** Per hostname, the record its DNS authorization needs before the certificate can be issued. */
    readonly authorizationRecords: Record<string, pulumi.Output<AuthorizationRecord>>;
    /** Per hostname, the Certificate Manager certificate that serves it. */
    readonly certificates: Record<string, string>;

    constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:LoadBalancer", name, {}, opts);
        const { project, region, labels } = args;
        const named = (part: string) => loadBalancerName(args.app, args.environment, part);
        const child = { parent: this };
        // Ids built from the names, which are known before anything exists: the plan shows them, policies can match them.
        const global = (collection: string, resource: { name: pulumi.Output<string> }) => resource.name.apply((resourceName) => globalId(project, collection, resourceName));
        const certificateManager = (collection: string, resource: { name: pulumi.Output<string> }) =>
            resource.name.apply((resourceName) => certificateManagerId(project, collection, resourceName));
        const certificateNames = checkedCertificateNames(args.services);

        const address = (version: "IPV4" | "IPV6") =>
            new gcp.compute.GlobalAddress(
                `${name}-${version.toLowerCase()}`,
                { project, name: named(`lb-${version.toLowerCase()}`), ipVersion: version, addressType: "EXTERNAL", description: `The load balancer's ${version} address; managed by bilko.`, labels },
                child,
            );
        const addresses = [address("IPV4"), address("IPV6")];

        // Per service its backend (all its traffic, split as Cloud Run splits it) and one for its revision tagged candidate.
        const backend = (entry: LoadBalancedService, target: string, tag?: string) => {
            const what = `Cloud Run service ${entry.serviceName}${tag ? ` (revision tagged ${tag})` : ""}`;
            const neg = new gcp.compute.RegionNetworkEndpointGroup(
                `${name}-${target}-neg`,
                {
                    project,
                    region,
                    name: named(`${target}-neg`),
                    networkEndpointType: "SERVERLESS",
                    cloudRun: { service: entry.serviceName, ...(tag ? { tag } : {}) },
                    description: `${what}; managed by bilko.`,
                },
                { parent: this, dependsOn: [entry.cloudRunService] },
            );
            const service = new gcp.compute.BackendService(
                `${name}-${target}-backend`,
                {
                    project,
                    name: named(`${target}-backend`),
                    description: `${entry.hostname}: ${what}, behind Cloud Armor; managed by bilko.`,
                    loadBalancingScheme: SCHEME,
                    backends: [{ group: neg.name.apply((negName) => regionalNegId(project, region, negName)) }],
                    securityPolicy: entry.securityPolicy,
                    logConfig: { enable: true, sampleRate: 1 },
                },
                child,
            );
            return global("backendServices", service);
        };
        const routes = args.services.map((entry) => ({
            hostname: entry.hostname,
            service: entry.service,
            backend: backend(entry, entry.service),
            candidateBackend: backend(entry, `${entry.service}-candidate`, CANARY_TAGS.candidate),
        }));

        const urlMap = new gcp.compute.URLMap(
            `${name}-url-map`,
            { project, name: named("lb"), description: "One host rule per hostname; managed by bilko.", defaultUrlRedirect: unknownHostRedirect(args.services[0].hostname), ...hostRouting(routes) },
            child,
        );

        const certificateMap = new gcp.certificatemanager.CertificateMap(`${name}-certificate-map`, { project, name: named("certificates"), description: "Per hostname its certificate; managed by bilko.", labels }, child);
        this.authorizationRecords = {};
        this.certificates = {};
        for (const entry of args.services) {
            const certificate = certificateNames.get(entry.hostname)!;
            const authorization = new gcp.certificatemanager.DnsAuthorization(
                `${name}-${certificate}-authorization`,
                { project, name: certificate, domain: entry.hostname, description: `Lets Google issue ${entry.hostname}'s certificate; managed by bilko.`, labels },
                child,
            );
            const issued = new gcp.certificatemanager.Certificate(
                `${name}-${certificate}-certificate`,
                {
                    project,
                    name: certificate,
                    description: `Google-managed certificate of ${entry.hostname}; managed by bilko.`,
                    managed: { domains: [entry.hostname], dnsAuthorizations: [certificateManager("dnsAuthorizations", authorization)] },
                    labels,
                },
                child,
            );
            new gcp.certificatemanager.CertificateMapEntry(
                `${name}-${certificate}-certificate-entry`,
                { project, name: certificate, map: certificateMap.name, hostname: entry.hostname, certificates: [certificateManager("certificates", issued)], labels },
                child,
            );
            this.authorizationRecords[entry.hostname] = authorization.dnsResourceRecords.apply((records) => records[0]);
            this.certificates[entry.hostname] = certificate;
        }

        const tls = new gcp.compute.SSLPolicy(`${name}-tls-policy`, { project, name: named("lb-tls"), description: "TLS 1.2 or newer, modern ciphers; managed by bilko.", profile: "MODERN", minTlsVersion: "TLS_1_2" }, child);
        const httpsProxy = new gcp.compute.TargetHttpsProxy(
            `${name}-https-proxy`,
            {
                project,
                name: named("lb-https"),
                urlMap: global("urlMaps", urlMap),
                certificateMap: pulumi.interpolate`//certificatemanager.googleapis.com/${certificateManager("certificateMaps", certificateMap)}`,
                sslPolicy: global("sslPolicies", tls),
            },
            child,
        );
        const redirectMap = new gcp.compute.URLMap(`${name}-redirect-map`, { project, name: named("lb-redirect"), description: "HTTP to HTTPS; managed by bilko.", defaultUrlRedirect: HTTPS_REDIRECT }, child);
        const httpProxy = new gcp.compute.TargetHttpProxy(`${name}-http-proxy`, { project, name: named("lb-http"), urlMap: global("urlMaps", redirectMap) }, child);

        for (const [protocol, proxy, port, collection] of [
            ["https", httpsProxy, "443", "targetHttpsProxies"],
            ["http", httpProxy, "80", "targetHttpProxies"],
        ] as const) {
            for (const ip of addresses) {
                const version = ip === addresses[0] ? "ipv4" : "ipv6";
                new gcp.compute.GlobalForwardingRule(
                    `${name}-${protocol}-${version}`,
                    {
                        project,
                        name: named(`lb-${protocol}-${version}`),
                        loadBalancingScheme: SCHEME,
                        ipProtocol: "TCP",
                        portRange: port,
                        ipAddress: global("addresses", ip),
                        target: global(collection, proxy),
                        labels,
                    },
                    child,
                );
            }
        }

        this.ipv4 = addresses[0].address;
        this.ipv6 = addresses[1].address;
        this.registerOutputs({ ipv4: this.ipv4, ipv6: this.ipv6, certificates: this.certificates });
    }
}

function checkedCertificateNames(services: readonly LoadBalancedService[]): Map<string, string> {
    if (services.length === 0) {
        throw new pulumi.InputPropertyError({ propertyPath: "services", reason: "the load balancer needs at least one Cloud Run service to serve" });
    }
    const names = new Map<string, string>();
    services.forEach((entry, index) => {
        const name = certificateName(entry.hostname);
        if (name === undefined) {
            throw new pulumi.InputPropertyError({
                propertyPath: `services[${index}].hostname`,
                reason: `"${entry.hostname}" gives no Certificate Manager name (a letter first, at most 64 characters once dots become hyphens)`,
            });
        }
        if (services.some((other) => other.service === `${entry.service}-candidate`)) {
            throw new pulumi.InputPropertyError({ propertyPath: `services[${index}].service`, reason: `"${entry.service}-candidate" would name the candidate backend of "${entry.service}" too; rename one` });
        }
        if (names.has(entry.hostname)) {
            throw new pulumi.InputPropertyError({ propertyPath: `services[${index}].hostname`, reason: `"${entry.hostname}" is served twice; one service per hostname` });
        }
        names.set(entry.hostname, name);
    });
    return names;
}
