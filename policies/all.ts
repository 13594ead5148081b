/**
 * Every policy of the bilko-guard pack. The pack (`index.ts`), the offline plan and the tests all import this list;
 * a new service's policies join with one import and one spread.
 */
import type { Policies } from "@pulumi/policy";
import { artifactRegistryPolicies } from "./artifactregistry";
import { cloudBuildPolicies } from "./cloudbuild";
import { cloudflarePolicies } from "./cloudflare";
import { cloudRunPolicies } from "./cloudrun";
import { cloudSqlPolicies } from "./cloudsql";
import { computePolicies } from "./compute";
import { iamPolicies } from "./iam";
import { kubernetesPolicies } from "./kubernetes";
import { stackPolicies } from "./stack";

export const policies: Policies = [
    ...cloudRunPolicies,
    ...cloudSqlPolicies,
    ...artifactRegistryPolicies,
    ...iamPolicies,
    ...cloudflarePolicies,
    ...cloudBuildPolicies,
    ...computePolicies,
    ...kubernetesPolicies,
    ...stackPolicies,
];
