/**
 * The stack's edge, from `bilko:edge`: per hostname a domain mapping, or (`load-balancer`) the global load balancer
 * with each service's Cloud Armor policy in front and Cloud Run ingress closed to everything else.
 */
import { ArmorPolicy } from "../components/armor";
import type { CloudRunIngress } from "../components/cloudrun";
import { Edge, type EdgeRoute } from "../components/edge";
import { LoadBalancer, loadBalancerName, type LoadBalancedService } from "../components/loadbalancer";
import type { StackConfig } from "../config";

export interface EdgeContext {
    app: string;
    labels: Record<string, string>;
}

function behindLoadBalancer(config: StackConfig): boolean {
    return config.edge.mode === "load-balancer";
}

/** Cloud Run's ingress: behind the load balancer only it (and the VPC) may reach a service. */
export function cloudRunIngress(config: StackConfig): CloudRunIngress {
    return behindLoadBalancer(config) ? "internal-and-load-balancer" : "all";
}

/** The Cloud Armor policy of one service, when the stack serves through the load balancer. */
export function serviceArmor(config: StackConfig, context: EdgeContext, service: string): ArmorPolicy | undefined {
    const armor = config.edge.armor;
    if (!behindLoadBalancer(config) || !armor) {
        return undefined;
    }
    return new ArmorPolicy(`${service}-armor`, {
        project: config.project,
        policyName: loadBalancerName(context.app, config.environment, `${service}-armor`),
        service,
        mode: armor.mode,
        rateLimits: armor.rateLimits[service] ?? [],
        labels: context.labels,
    });
}

/**
 * The Cloudflare records (and domain mappings) of every hostname; behind the load balancer its Cloud Run hostnames
 * become load balancer routes first. GKE hostnames keep their own Ingress, with the Armor policy on its backend.
 */
export function declareEdge(config: StackConfig, context: EdgeContext, routes: EdgeRoute[], armor: Readonly<Record<string, ArmorPolicy>>): Edge {
    const edgeArgs = { project: config.project, region: config.region, zoneId: config.dns.zoneId, proxied: config.dns.proxied, labels: context.labels };
    const cloudRun = routes.flatMap((route) => (route.kind === "cloudrun" ? [route] : []));
    if (!behindLoadBalancer(config) || cloudRun.length === 0) {
        return new Edge("edge", { ...edgeArgs, routes });
    }
    const serviceOf = (hostname: string) => Object.entries(config.services).find(([, service]) => service.hostname === hostname)![0];
    const services = cloudRun.map(
        (route): LoadBalancedService => ({
            service: serviceOf(route.hostname),
            hostname: route.hostname,
            serviceName: route.serviceName,
            cloudRunService: route.service,
            securityPolicy: armor[serviceOf(route.hostname)].id,
        }),
    );
    const lb = new LoadBalancer("lb", { project: config.project, region: config.region, app: context.app, environment: config.environment, services, labels: context.labels });
    return new Edge("edge", {
        ...edgeArgs,
        routes: routes.map((route): EdgeRoute =>
            route.kind === "cloudrun"
                ? {
                      kind: "loadbalancer",
                      hostname: route.hostname,
                      ipv4: lb.ipv4,
                      ipv6: lb.ipv6,
                      authorization: lb.authorizationRecords[route.hostname],
                      adopt: route.adopt?.dnsRecordId ? { dnsRecordId: route.adopt.dnsRecordId } : undefined,
                  }
                : route,
        ),
    });
}
