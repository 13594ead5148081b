/** The stack files under test/fixtures/policies: each breaks one rule through config, and says what must refuse it. */
import * as path from "path";
import { PROJECT_DIR } from "../support/stacks";

export const FIXTURE_DIR = path.join(PROJECT_DIR, "test", "fixtures", "policies");

export interface PolicyFixture {
    file: string;
    stack: string;
    /** The policy whose rule the fixture breaks. */
    policy: string;
    /** Set when the config schema refuses the file first (exit 2): the key its one-line error names. */
    schemaKey?: string;
    /** Other policies the same one break trips (the migrations job's counterpart of a service policy). */
    alsoRefusedBy?: string[];
}

export const POLICY_FIXTURES: readonly PolicyFixture[] = [
    { file: "prod-zonal-database.yaml", stack: "prod", policy: "cloudsql-instance-configure-regional-availability" },
    { file: "prod-no-point-in-time-recovery.yaml", stack: "prod", policy: "cloudsql-instance-enable-point-in-time-recovery" },
    { file: "prod-deletable-database.yaml", stack: "prod", policy: "cloudsql-instance-enable-deletion-protection" },
    { file: "prod-postgres-15.yaml", stack: "prod", policy: "cloudsql-instance-enforce-postgres-version" },
    { file: "prod-edition-tier-mismatch.yaml", stack: "prod", policy: "cloudsql-instance-enforce-edition-tier", schemaKey: "bilko:postgres.edition" },
    { file: "prod-image-by-tag.yaml", stack: "prod", policy: "cloudrun-service-enforce-digest-image", schemaKey: "bilko:services.api.digest" },
    { file: "prod-plain-secret-env.yaml", stack: "prod", policy: "cloudrun-service-disallow-plain-secret-env", schemaKey: "bilko:services.web.env.ANALYTICS_API_KEY" },
    { file: "prod-extra-cors-origin.yaml", stack: "prod", policy: "cloudrun-service-enforce-cors-origins", schemaKey: "bilko:services.api.corsExtraOrigins" },
    { file: "prod-gke-image-by-tag.yaml", stack: "prod", policy: "kubernetes-workload-enforce-digest-image", schemaKey: "bilko:services.api.digest" },
    { file: "prod-gke-plain-secret-env.yaml", stack: "prod", policy: "kubernetes-workload-disallow-plain-secret-env", schemaKey: "bilko:services.api.env.SENTRY_DSN" },
    { file: "prod-sql-without-approval.yaml", stack: "prod", policy: "cloudsql-instance-missing-cost-approval", schemaKey: "bilko:postgres.approval" },
    { file: "prod-domain-mapping.yaml", stack: "prod", policy: "cloudrun-domainmapping-disallow-in-prod", schemaKey: "bilko:edge.mode" },
    { file: "prod-armor-preview.yaml", stack: "prod", policy: "compute-securitypolicy-enforce-waf-rules", schemaKey: "bilko:edge.armor.mode" },
    { file: "prod-public-ip-database.yaml", stack: "prod", policy: "cloudsql-instance-disallow-public-ip", schemaKey: "bilko:postgres.publicIp" },
    { file: "prod-without-pgaudit.yaml", stack: "prod", policy: "cloudsql-instance-enable-pgaudit" },
    { file: "prod-without-binary-authorization.yaml", stack: "prod", policy: "cloudrun-service-enable-binary-authorization", alsoRefusedBy: ["cloudrun-job-enable-binary-authorization"] },
    { file: "prod-stripe-key-env.yaml", stack: "prod", policy: "cloudrun-service-disallow-plain-secret-env", schemaKey: "bilko:services.api.env.STRIPE_SK" },
    { file: "prod-secure-env-value.yaml", stack: "prod", policy: "cloudrun-service-disallow-plain-secret-env", schemaKey: "bilko:services.api.env.SMTP_PASS" },
    { file: "stage-wildcard-cors-origin.yaml", stack: "stage", policy: "cloudrun-service-enforce-cors-origins", schemaKey: "bilko:services.api.corsExtraOrigins[1]" },
];

export function fixturePath(fixture: PolicyFixture): string {
    return path.join(FIXTURE_DIR, fixture.file);
}
