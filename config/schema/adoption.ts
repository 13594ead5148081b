/**
 * `adopt` keys: take over what already runs (Pulumi's `import`) instead of creating it, and acknowledge by name each
 * first-run change that can cut traffic or data (the plan refuses the ones not acknowledged).
 */
import { z } from "zod";
import { adoptionFieldList, isAdoptionField, type AdoptionSubject } from "../../adoption/fields";
import { show } from "../../common/text";

function acknowledge(subject: AdoptionSubject) {
    const field = z.string().refine((value) => isAdoptionField(subject, value), {
        error: (issue) => `expected a change the adoption diff reports (${adoptionFieldList(subject)}), got ${show(issue.input)}`,
    });
    return z.array(field).default([]);
}

/** `true`, or `{ acknowledge: [...] }`: one resource (the database with its database and user, the registry) adopted. */
export function adoptResource(subject: "postgres" | "registry") {
    const adopted = z.strictObject({ acknowledge: acknowledge(subject) });
    return z.preprocess((value) => (value === true ? {} : value === false ? undefined : value), adopted.optional());
}

const RECORD_ID = /^[0-9a-f]{32}$/;

/** A service's live parts to adopt; `true` means the Cloud Run service alone. */
const serviceAdoption = z.strictObject({
    /** The Cloud Run service `bilko-<service>[-<environment>]`. */
    service: z.boolean().default(false),
    /** The Cloud Run domain mapping of the service's hostname. */
    domainMapping: z.boolean().default(false),
    /** Id of the Cloudflare record of the service's hostname (from the estate file): imported as `<zone id>/<id>`. */
    dnsRecord: z.string().regex(RECORD_ID, { error: (issue) => `expected a Cloudflare record id (32 hex digits), got ${show(issue.input)}` }).optional(),
    /** The Secret Manager secrets listed under `secrets` (their values are never read or written). */
    secrets: z.boolean().default(false),
    acknowledge: acknowledge("service"),
});

export const adoptService = z
    .preprocess((value) => (value === true ? { service: true } : value === false ? {} : value), serviceAdoption)
    .default({ service: false, domainMapping: false, secrets: false, acknowledge: [] });

export type ServiceAdoption = z.output<typeof serviceAdoption>;
export type ResourceAdoption = { acknowledge: string[] } | undefined;
