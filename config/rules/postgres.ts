/** `bilko:postgres`: an edition Cloud SQL can run on the chosen tier, a credential apps can use, the cost approved in prod. */
import { editionForTier } from "../../components/cloudsql/rules";
import { passwordMode } from "../schema/postgres";
import type { StackConfig } from "../types";
import type { Problem } from "./problem";

export function postgresProblem(config: StackConfig): Problem | undefined {
    const { edition, tier } = config.postgres;
    if (editionForTier(tier) !== edition) {
        return {
            key: "bilko:postgres.edition",
            reason: `${edition} does not run tier "${tier}": ENTERPRISE_PLUS needs a db-perf-optimized-N-* tier and those tiers need ENTERPRISE_PLUS`,
        };
    }
    return publicIpProblem(config) ?? credentialProblem(config) ?? approvalProblem(config);
}

/** A public IP is a staged exception: an adopted instance keeps it until its own cutover; prod never has one. */
function publicIpProblem(config: StackConfig): Problem | undefined {
    const { publicIp, adopt, connectionUrl } = config.postgres;
    if (publicIp && config.environment === "prod") {
        return { key: "bilko:postgres.publicIp", reason: "prod's database has a private IP only (CIS GCP 6.6): set it to false, with the VPC in bilko:network" };
    }
    if (publicIp && !adopt) {
        return { key: "bilko:postgres.publicIp", reason: "only an adopted instance keeps its public IP, until its own cutover; an instance bilko creates gets a private IP only (false)" };
    }
    if (!publicIp && connectionUrl?.template?.includes("{socket}")) {
        return { key: "bilko:postgres.connectionUrl.template", reason: "{socket} is the Cloud SQL socket, which a private-IP instance does not serve; connect to {host} (its private IP) with sslmode=require" };
    }
    return undefined;
}

/** An adopted user keeps its password unless the stack rotates it; whatever apps read must carry the password in use. */
function credentialProblem(config: StackConfig): Problem | undefined {
    const { adopt, connectionUrl } = config.postgres;
    const mode = passwordMode(config.postgres);
    if (mode === "keep" && !adopt) {
        return { key: "bilko:postgres.password", reason: `"keep" applies to an adopted user (bilko:postgres.adopt); a user bilko creates gets a generated password` };
    }
    if (connectionUrl?.template !== undefined && mode === "keep") {
        return { key: "bilko:postgres.connectionUrl.template", reason: "bilko writes the connection URL only from a password it generates; with password: keep the live secret is read as it is, so remove the template" };
    }
    if (connectionUrl && connectionUrl.template === undefined && mode === "generate") {
        return {
            key: "bilko:postgres.connectionUrl.template",
            reason: `missing required key: with a generated password the secret "${connectionUrl.secret}" must carry it; give the template bilko writes it from (rotating an adopted password: docs/cutover.md)`,
        };
    }
    return undefined;
}

/** OCD-5: nobody creates a prod database without a record of who accepted what it costs. */
function approvalProblem(config: StackConfig): Problem | undefined {
    if (config.environment === "prod" && !config.postgres.approval) {
        return {
            key: "bilko:postgres.approval",
            reason: `missing required key: a prod Cloud SQL instance ("${config.postgres.instanceName}") needs the approval of its cost: by, at, monthlyCostUsd`,
        };
    }
    return undefined;
}
