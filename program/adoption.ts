/** What a stack takes over instead of creating, as each component's own arguments (`adopt` keys of the config). */
import type { PostgresArgs } from "../components/cloudsql";
import type { EdgeAdoption } from "../components/edge";
import { passwordMode, type ServiceConfig, type StackConfig } from "../config";

/** The database component's arguments: the instance settings, what is adopted, and how apps get their credential. */
export function postgresArgs(config: StackConfig, labels: Record<string, string>): PostgresArgs {
    const { adopt, password, approval, connectionUrl, ...settings } = config.postgres;
    return {
        project: config.project,
        region: config.region,
        ...settings,
        adopt: adopt !== undefined,
        password: passwordMode({ adopt, password }),
        connectionUrl,
        approval,
        labels,
    };
}

/** The live domain mapping and DNS record of a service's hostname to import, if any. */
export function edgeAdoption(service: ServiceConfig): EdgeAdoption | undefined {
    const { domainMapping, dnsRecord } = service.adopt;
    return domainMapping || dnsRecord ? { mapping: domainMapping, dnsRecordId: dnsRecord } : undefined;
}

/** Ids of the live secrets the services adopt (`adopt.secrets`), each once. */
export function adoptedSecretIds(config: StackConfig): string[] {
    const ids = Object.values(config.services).flatMap((service) => (service.adopt.secrets ? Object.values(service.secrets) : []));
    return [...new Set(ids)];
}
