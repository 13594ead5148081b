/** Ids of the service accounts bilko creates for services and jobs. */
import { createHash } from "crypto";

const MAX_ACCOUNT_ID = 30;

/**
 * Service account id (6 to 30 characters): `bilko-web-prod`. A longer one is cut and given a hash of the whole, so
 * it stays unique and stable: `bilko-notifications-m-1a2b3c4d`.
 */
export function serviceAccountId(app: string, environment: string, service: string): string {
    const id = `${app}-${service}-${environment}`;
    if (id.length <= MAX_ACCOUNT_ID) {
        return id;
    }
    const hash = createHash("sha256").update(id).digest("hex").slice(0, 8);
    return `${id.slice(0, MAX_ACCOUNT_ID - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
