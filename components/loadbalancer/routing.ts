/**
 * How the load balancer routes: one host rule per hostname to its service's backend, and per service a route to the
 * revision tagged `candidate` for requests that ask for it by header (the canary's smoke test, through the public
 * hostname, now that `run.app` and its tag URLs are closed). Unknown hosts and plain HTTP are redirected.
 */

/** Requests with `x-bilko-revision: candidate` reach the revision tagged candidate. */
export const CANDIDATE_HEADER = "x-bilko-revision";
export const CANDIDATE_VALUE = "candidate";

export interface HostBackends<Ref> {
    hostname: string;
    /** Service key; names the path matcher. */
    service: string;
    /** Backend service of the service (all its traffic split as Cloud Run splits it). */
    backend: Ref;
    /** Backend service of the revision tagged candidate. */
    candidateBackend: Ref;
}

export function hostRouting<Ref>(routes: readonly HostBackends<Ref>[]) {
    return {
        hostRules: routes.map((route) => ({ hosts: [route.hostname], pathMatcher: route.service })),
        pathMatchers: routes.map((route) => ({
            name: route.service,
            defaultService: route.backend,
            routeRules: [
                {
                    priority: 1,
                    matchRules: [{ prefixMatch: "/", headerMatches: [{ headerName: CANDIDATE_HEADER, exactMatch: CANDIDATE_VALUE }] }],
                    service: route.candidateBackend,
                },
            ],
        })),
    };
}

/** A Host the map does not know (the bare IP, a stale name) is sent to the first hostname rather than served. */
export function unknownHostRedirect(hostname: string) {
    return { hostRedirect: hostname, httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false };
}

/** Port 80: every request to the same URL over HTTPS. */
export const HTTPS_REDIRECT = { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false };
