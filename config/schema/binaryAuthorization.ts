/**
 * `bilko:binaryAuthorization`: the stack's Cloud Run services and jobs run only images attested as built by the
 * pipeline's Cloud Build (the project's Binary Authorization policy, which the stack declares). Default on; a stack
 * whose running images came from elsewhere (adopted stage and demo, until bilko's build has built what they run)
 * turns it off, and the policy pack refuses that in prod.
 */
import { z } from "zod";

export const binaryAuthorizationSchema = z.boolean().default(true);
