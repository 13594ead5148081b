/**
 * The settings the adoption diff compares, by the name a change carries (`env.EMAIL_FROM`, `tier`). A stack file
 * acknowledges a first-run change by this name; the config schema checks acknowledgments against these patterns.
 * Pure and import-free, so the config schema can read it.
 */

/** What an acknowledgment belongs to: a service (its Cloud Run service, domain mapping and DNS record), the database, the registry. */
export type AdoptionSubject = "service" | "postgres" | "registry";

const ENV_NAME = "[A-Z_][A-Z0-9_]*";

/** Every change name of each subject, as patterns; the text after each is how messages list them. */
export const FIELD_PATTERNS: Readonly<Record<AdoptionSubject, ReadonlyArray<readonly [RegExp, string]>>> = {
    service: [
        [/^image$/, "image"],
        [new RegExp(`^env\\.${ENV_NAME}$`), "env.<NAME>"],
        [new RegExp(`^secretEnv\\.${ENV_NAME}$`), "secretEnv.<NAME>"],
        [/^(minInstances|maxInstances|serviceAccount|ingress)$/, "minInstances, maxInstances, serviceAccount, ingress"],
        [/^domainMapping\.route$/, "domainMapping.route"],
        [/^dns\.(type|content|proxied|ttl)$/, "dns.type, dns.content, dns.proxied, dns.ttl"],
    ],
    postgres: [
        [/^(version|tier|edition|availability|sslMode|ipv4Enabled|password)$/, "version, tier, edition, availability, sslMode, ipv4Enabled, password"],
        [/^flags(\.[a-z0-9_.]+)?$/, "flags, flags.<name>"],
        [/^authorizedNetworks(\.[0-9a-f.:/]+)?$/, "authorizedNetworks, authorizedNetworks.<cidr>"],
    ],
    registry: [[/^(format|immutableTags|cleanupPolicies)$/, "format, immutableTags, cleanupPolicies"]],
};

/** Whether `field` names a change the adoption diff can report for `subject`. */
export function isAdoptionField(subject: AdoptionSubject, field: string): boolean {
    return FIELD_PATTERNS[subject].some(([pattern]) => pattern.test(field));
}

/** `image, env.<NAME>, ...`: the names `subject` can acknowledge, for messages. */
export function adoptionFieldList(subject: AdoptionSubject): string {
    return FIELD_PATTERNS[subject].map(([, text]) => text).join(", ");
}
