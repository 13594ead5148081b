/** Cloud SQL for PostgreSQL instances: version, encryption, exposure, edition, and what prod must survive. */
import { configureRegionalAvailability } from "./instance/configureRegionalAvailability";
import { disallowPublicAuthorizedNetwork } from "./instance/disallowPublicAuthorizedNetwork";
import { enableConnectionLogging } from "./instance/enableConnectionLogging";
import { enableDeletionProtection } from "./instance/enableDeletionProtection";
import { enablePointInTimeRecovery } from "./instance/enablePointInTimeRecovery";
import { enforceEditionTier } from "./instance/enforceEditionTier";
import { enforcePostgresVersion } from "./instance/enforcePostgresVersion";
import { enforceSsl } from "./instance/enforceSsl";
import { missingCostApproval } from "./instance/missingCostApproval";
export { SQL_INSTANCE, DEFAULT_POSTGRES_VERSION, type PostgresVersionConfig } from "./support";

export { configureRegionalAvailability, disallowPublicAuthorizedNetwork, enableConnectionLogging, enableDeletionProtection, enablePointInTimeRecovery, enforceEditionTier, enforcePostgresVersion, enforceSsl, missingCostApproval };

/** Every Cloud SQL policy, in the order the pack reports them. */
export const cloudSqlPolicies = [enforcePostgresVersion, enforceSsl, disallowPublicAuthorizedNetwork, enableDeletionProtection, enablePointInTimeRecovery, configureRegionalAvailability, enforceEditionTier, enableConnectionLogging, missingCostApproval];
