/** Cloud SQL for PostgreSQL instances: version, encryption, exposure, edition, and what prod must survive. */
import { configureRegionalAvailability } from "./instance/configureRegionalAvailability";
import { configureStatementLogging } from "./instance/configureStatementLogging";
import { disallowPublicAuthorizedNetwork } from "./instance/disallowPublicAuthorizedNetwork";
import { disallowPublicIp } from "./instance/disallowPublicIp";
import { enableConnectionLogging } from "./instance/enableConnectionLogging";
import { enableDeletionProtection } from "./instance/enableDeletionProtection";
import { enablePasswordPolicy } from "./instance/enablePasswordPolicy";
import { enablePgaudit } from "./instance/enablePgaudit";
import { enablePointInTimeRecovery } from "./instance/enablePointInTimeRecovery";
import { enforceEditionTier } from "./instance/enforceEditionTier";
import { enforcePostgresVersion } from "./instance/enforcePostgresVersion";
import { enforceSsl } from "./instance/enforceSsl";
import { missingCostApproval } from "./instance/missingCostApproval";
export { SQL_INSTANCE, DEFAULT_POSTGRES_VERSION, type PostgresVersionConfig } from "./support";

export {
    configureRegionalAvailability,
    configureStatementLogging,
    disallowPublicAuthorizedNetwork,
    disallowPublicIp,
    enableConnectionLogging,
    enableDeletionProtection,
    enablePasswordPolicy,
    enablePgaudit,
    enablePointInTimeRecovery,
    enforceEditionTier,
    enforcePostgresVersion,
    enforceSsl,
    missingCostApproval,
};

/** Every Cloud SQL policy, in the order the pack reports them. */
export const cloudSqlPolicies = [
    enforcePostgresVersion,
    enforceSsl,
    disallowPublicAuthorizedNetwork,
    disallowPublicIp,
    enableDeletionProtection,
    enablePointInTimeRecovery,
    configureRegionalAvailability,
    enforceEditionTier,
    enableConnectionLogging,
    configureStatementLogging,
    enablePgaudit,
    enablePasswordPolicy,
    missingCostApproval,
];
