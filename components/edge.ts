import * as cloudflare from "@pulumi/cloudflare";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { dnsRecordFor } from "../lib/dnsRecord";

export interface EdgeRoute {
    hostname: string;
    /** Cloud Run service the hostname maps to. */
    serviceName: string;
    /** The Cloud Run service resource, so the mapping waits for it. */
    service: pulumi.Resource;
}

export interface EdgeArgs {
    project: string;
    region: string;
    /** Cloudflare zone id of `bilko:dns.zone`. */
    zoneId: string;
    proxied: boolean;
    routes: EdgeRoute[];
    labels: Record<string, string>;
}

/** Per hostname: a Cloud Run domain mapping (Google-managed certificate) and the Cloudflare record pointing at it. */
export class Edge extends pulumi.ComponentResource {
    readonly hostnames: string[];

    constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:cloudflare:Edge", name, {}, opts);
        for (const route of args.routes) {
            const slug = route.hostname.replace(/\./g, "-");
            new gcp.cloudrun.DomainMapping(
                `${name}-${slug}-mapping`,
                {
                    project: args.project,
                    location: args.region,
                    name: route.hostname,
                    metadata: { namespace: args.project, labels: args.labels },
                    spec: { routeName: route.serviceName },
                },
                { parent: this, dependsOn: [route.service] },
            );
            new cloudflare.DnsRecord(`${name}-${slug}-record`, { zoneId: args.zoneId, ...dnsRecordFor(route.hostname, args.proxied) }, { parent: this });
        }
        this.hostnames = args.routes.map((route) => route.hostname);
        this.registerOutputs({ hostnames: this.hostnames });
    }
}
