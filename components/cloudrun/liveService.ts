/**
 * What a Cloud Run service serves right now, as the provider reads it from the Cloud Run API: the traffic statuses
 * (revision, percent, tag) with `LATEST` resolved to the latest ready revision. This, not a previous stack output,
 * decides the stable revision of the next deployment and what the `rollout` output reports.
 */
import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";

export interface LiveTraffic {
    revision: string;
    percent: number;
    tag?: string;
    /** The tag's own URL, when it has a tag. */
    uri?: string;
}

export interface LiveService {
    traffic: LiveTraffic[];
    latestReadyRevision?: string;
}

/** A traffic status as the provider reports it (`trafficStatuses` of the service or of `getService`). */
export interface TrafficStatus {
    type?: string;
    revision?: string;
    percent?: number;
    tag?: string;
    uri?: string;
}

const LATEST = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST";

/** The traffic statuses as revisions: `LATEST` means the latest ready revision; a status naming none is dropped. */
export function liveService(statuses: readonly TrafficStatus[] | undefined, latestReadyRevision: string | undefined): LiveService {
    const traffic = (statuses ?? []).flatMap((status): LiveTraffic[] => {
        const revision = status.type === LATEST || !status.revision ? latestReadyRevision : status.revision;
        if (!revision) {
            return [];
        }
        return [{ revision, percent: status.percent ?? 0, ...(status.tag ? { tag: status.tag } : {}), ...(status.uri ? { uri: status.uri } : {}) }];
    });
    return { traffic, ...(latestReadyRevision ? { latestReadyRevision } : {}) };
}

/** `projects/<p>/locations/<l>/services/<name>`: the id the provider names in its "not found" error. */
export function serviceId(project: string, location: string, name: string): string {
    return `projects/${project}/locations/${location}/services/${name}`;
}

/**
 * The live service, or undefined when it does not exist yet (a first deployment). The provider's data source fails
 * with "<id> not found" for a missing service; any other failure (permissions, the API) stops the deployment.
 */
export async function readLiveService(service: { project: string; location: string; name: string }, opts: pulumi.InvokeOptions): Promise<LiveService | undefined> {
    try {
        const found = await gcp.cloudrunv2.getService(service, opts);
        return liveService(found.trafficStatuses, found.latestReadyRevision);
    } catch (error) {
        if (isNotFound(error, serviceId(service.project, service.location, service.name))) {
            return undefined;
        }
        throw error;
    }
}

export function isNotFound(error: unknown, id: string): boolean {
    return error instanceof Error && error.message.includes(`${id} not found`);
}
