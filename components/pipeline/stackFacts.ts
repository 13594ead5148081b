/**
 * What the deploy steps need to know about a stack, read from the stack file of the commit being deployed (the build's
 * working copy, digests included) and, for some, from JSON on stdin (stack outputs, a build). `tools/pipelineFacts.ts`
 * prints these, one item per line.
 */
import { cloudRunServiceUrn } from "../cloudrun/names";
import { cloudRunMigrationServices, migrationJobName } from "../migrations/names";
import { migratorDigestPath, serviceDigestKey, smokePassedKey, type StackConfig } from "../../config";
import { latestRelease, parseReleasedDigests, parseReleasedMigrators } from "../../promotion/releases";
import { staleDigests } from "../../promotion/runningDigests";

export const FACTS = [
    "service-urns",
    "migration-jobs",
    "backup",
    "restore-digests",
    "running-digests",
    "smoke-passed",
    "smoke-secrets",
    "program-guard",
    "four-eyes",
    "deploy-window",
    "announce",
    "drift",
] as const;
export type Fact = (typeof FACTS)[number];

/** Environments whose database is backed up on demand before migrations run. */
export const BACKUP_ENVIRONMENTS: readonly string[] = ["demo", "prod"];

/** URNs of the Cloud Run service resources: the first `pulumi up` excludes them, so traffic moves only after migrations. */
export function serviceUrns(app: string, config: StackConfig): string[] {
    return Object.entries(config.services)
        .filter(([, service]) => service.runtime === "cloudrun")
        .map(([name]) => cloudRunServiceUrn(config.stack, app, name));
}

/**
 * Services whose migrations run in this deployment: those with a Cloud Run migrations job, except a service whose
 * latest audit entry rolls back to the digest it deploys. A rollback never migrates: the older image's migrator
 * lacks the newer migrations Flyway has applied, and its `validate` would fail (schemas only go forward).
 */
export function migratingServices(config: StackConfig): string[] {
    return cloudRunMigrationServices(config.services).filter((service) => {
        const latest = latestRelease(config.releases, service);
        return !(latest?.kind === "rollback" && latest.digest === config.services[service].digest);
    });
}

/** `<job> <region> <project>` of every migrations job this deployment runs, for `gcloud run jobs execute`. */
export function migrationJobs(app: string, config: StackConfig): string[] {
    return migratingServices(config).map((service) => `${migrationJobName(app, config.environment, service)} ${config.region} ${config.project}`);
}

/** `<instance> <project>` when this deployment migrates a demo or prod database: it is backed up first. */
export function backupTarget(config: StackConfig): string[] {
    return BACKUP_ENVIRONMENTS.includes(config.environment) && migratingServices(config).length > 0 ? [`${config.postgres.instanceName} ${config.project}`] : [];
}

/**
 * `<config key path> <digest>` to put back after a failure, from `pulumi stack output --json`: each service's last
 * released digest (the newest that passed its smoke test) and the migrator that shipped with it. A stack that has
 * released nothing yet (a first deployment) has nothing to go back to.
 */
export function restoreDigests(config: StackConfig, outputs: unknown): string[] {
    const values = asObject(outputs);
    const parsed = values.releasedDigests === undefined ? undefined : parseReleasedDigests(values.releasedDigests);
    const released = parsed && "digests" in parsed ? parsed.digests : {};
    const migrators = parseReleasedMigrators(values.releasedMigrators) ?? {};
    return Object.entries(config.services).flatMap(([service, settings]) => {
        const digest = released[service]?.[0];
        if (digest === undefined) {
            return [];
        }
        const migrator = settings.migrations ? migrators[service]?.[digest] : undefined;
        return [`${serviceDigestKey(service)} ${digest}`, ...(migrator ? [`${migratorDigestPath(service).join(".")} ${migrator}`] : [])];
    });
}

/**
 * `<config key path> <digest>` that make the file say what the stack runs, where the file is older (stage's file lags
 * its builds): the preview of a pull request then shows the pull request's changes, not a rollback.
 */
export function runningDigests(config: StackConfig, outputs: unknown): string[] {
    const parsed = parseReleasedDigests(asObject(outputs).releasedDigests);
    const released = "digests" in parsed ? parsed.digests : undefined;
    const digests = Object.fromEntries(Object.entries(config.services).map(([name, service]) => [name, service.digest]));
    return staleDigests({ digests, released, releases: config.releases }).map((stale) => `${serviceDigestKey(stale.service)} ${stale.running}`);
}

/** `<config key path> <digest>` saying each configured digest passed its smoke test (the release step sets them). */
export function smokePassed(config: StackConfig): string[] {
    return Object.entries(config.services).map(([service, settings]) => `${smokePassedKey(service)} ${settings.digest}`);
}

/** `<secret> <project>` of every smoke login's credentials, fetched for the smoke step and deleted after it. */
export function smokeSecrets(config: StackConfig): string[] {
    const secrets = Object.values(config.smoke).flatMap((smoke) => Object.values(smoke.logins).map((login) => login.secret));
    return [...new Set(secrets)].map((secret) => `${secret} ${config.project}`);
}

export function asObject(value: unknown): Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
