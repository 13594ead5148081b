import * as cloudflare from "@pulumi/cloudflare";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { authorizationRecordFor, dnsRecordFor, type AuthorizationRecord } from "./dnsRecord";
import { dnsRecordImportId, domainMappingImportId, hostnameSlug } from "./names";

/** The live parts of a hostname's edge to import instead of create. */
export interface EdgeAdoption {
    /**
     * Import the Cloud Run domain mapping of the hostname.
     * @default false
     */
    mapping?: boolean;
    /** Id of the hostname's live Cloudflare record, imported as `<zone id>/<record id>`. */
    dnsRecordId?: string;
}

/** A hostname served by Cloud Run through a domain mapping. */
export interface CloudRunRoute {
    kind: "cloudrun";
    hostname: string;
    /** Cloud Run service the hostname maps to. */
    serviceName: string;
    /** The Cloud Run service resource, so the mapping waits for it. */
    service: pulumi.Resource;
    adopt?: EdgeAdoption;
}

/** A hostname served by a GKE Ingress on a reserved global address. */
export interface IngressRoute {
    kind: "ingress";
    hostname: string;
    address: pulumi.Input<string>;
    /** A GKE hostname has no domain mapping; its record can be adopted. */
    adopt?: Pick<EdgeAdoption, "dnsRecordId">;
}

/** A hostname served by the stack's load balancer, with a Certificate Manager certificate. */
export interface LoadBalancerRoute {
    kind: "loadbalancer";
    hostname: string;
    /** The load balancer's global addresses: an A record and an AAAA record point at them. */
    ipv4: pulumi.Input<string>;
    ipv6: pulumi.Input<string>;
    /** The CNAME the hostname certificate's DNS authorization asks for. */
    authorization: pulumi.Input<AuthorizationRecord>;
    /** The hostname's live record (the A record) can be adopted; the load balancer replaces any domain mapping. */
    adopt?: Pick<EdgeAdoption, "dnsRecordId">;
}

export type EdgeRoute = CloudRunRoute | IngressRoute | LoadBalancerRoute;

export interface EdgeArgs {
    project: string;
    /** Region of the Cloud Run domain mappings (the services' region). */
    region: string;
    /** Cloudflare zone id of `bilko:dns.zone`. */
    zoneId: string;
    /** Cloudflare proxy on every record (their TTL is then automatic). */
    proxied: boolean;
    /** One per hostname: where it is served. */
    routes: EdgeRoute[];
    /** Google Cloud labels of the domain mappings. */
    labels: Record<string, string>;
}

/**
 * Per hostname, the Cloudflare records pointing at where it is served: for Cloud Run a domain mapping (with a
 * Google-managed certificate) and a CNAME to it; for GKE an A record to the Ingress's global address; behind the load
 * balancer an A and an AAAA record to its addresses, and the CNAME of the certificate's DNS authorization.
 */
export class Edge extends pulumi.ComponentResource {
    readonly hostnames: string[];

    constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:cloudflare:Edge", name, {}, opts);
        const record = (resourceName: string, inputs: Omit<cloudflare.DnsRecordArgs, "zoneId">, recordId?: string, dependsOn: pulumi.Resource[] = []) =>
            new cloudflare.DnsRecord(resourceName, { zoneId: args.zoneId, ...inputs }, { parent: this, dependsOn, ...(recordId ? { import: dnsRecordImportId(args.zoneId, recordId) } : {}) });
        for (const route of args.routes) {
            const slug = hostnameSlug(route.hostname);
            const recordId = route.adopt?.dnsRecordId;
            if (route.kind === "loadbalancer") {
                // The A record keeps the name of the record it replaces (a domain mapping's CNAME): one in-place update.
                const a = record(`${name}-${slug}-record`, dnsRecordFor(route.hostname, { kind: "loadbalancer", type: "A", address: route.ipv4 }, args.proxied), recordId);
                // Cloudflare refuses an AAAA record next to a CNAME: created only once that record is the A record.
                record(`${name}-${slug}-aaaa`, dnsRecordFor(route.hostname, { kind: "loadbalancer", type: "AAAA", address: route.ipv6 }, args.proxied), undefined, [a]);
                const cname = pulumi.output(route.authorization).apply(authorizationRecordFor);
                record(`${name}-${slug}-authorization`, { name: cname.name, type: cname.type, content: cname.content, proxied: cname.proxied, ttl: cname.ttl, comment: cname.comment });
                continue;
            }
            if (route.kind === "cloudrun") {
                new gcp.cloudrun.DomainMapping(
                    `${name}-${slug}-mapping`,
                    {
                        project: args.project,
                        location: args.region,
                        name: route.hostname,
                        metadata: { namespace: args.project, labels: args.labels },
                        spec: { routeName: route.serviceName },
                    },
                    {
                        parent: this,
                        dependsOn: [route.service],
                        // A domain mapping has no update: a label change replaces it, which an import may not do, and
                        // which would issue its certificate again. An adopted mapping keeps the labels it has.
                        ...(route.adopt?.mapping ? { import: domainMappingImportId(args.project, args.region, route.hostname), ignoreChanges: ["metadata.labels"] } : {}),
                    },
                );
            }
            const target = route.kind === "cloudrun" ? { kind: "cloudrun" as const } : { kind: "ingress" as const, address: route.address };
            record(`${name}-${slug}-record`, dnsRecordFor(route.hostname, target, args.proxied), recordId);
        }
        this.hostnames = args.routes.map((route) => route.hostname);
        this.registerOutputs({ hostnames: this.hostnames });
    }
}
