/**
 * The database before any traffic moves: a backup (demo, prod), the migrations job moved to the new migrator by a
 * `pulumi up` that leaves the Cloud Run services alone, then Flyway's validate, migrate and info, each waited for.
 */
import { login, up } from "./pulumiCommands";
import { recordedStep } from "./recorded";
import { BUILD_ENV, type ScriptStep } from "./step";
import { pulumiBuilder, type DeployTarget } from "./target";
import { handoff } from "./workspace";

/** Flyway commands run in turn; validate ignores migrations not applied yet (those are what migrate applies). */
export const FLYWAY_COMMANDS: ReadonlyArray<{ command: string; args: string }> = [
    { command: "validate", args: "-ignoreMigrationPatterns=*:pending,validate" },
    { command: "migrate", args: "migrate" },
    { command: "info", args: "info" },
];

/** Seconds to let a finished execution's log reach Cloud Logging before it is read. */
export const LOG_SETTLE_SECONDS = 5;

export function backupStep(target: DeployTarget): ScriptStep {
    const { stack } = target;
    return recordedStep(
        `backup-${stack}`,
        "gcloud",
        stack,
        [
            `mapfile -t targets < ${handoff.backup(stack)}`,
            `if (( \${#targets[@]} == 0 )); then`,
            `    echo "${stack} runs no migrations in this build (or is not backed up before them): no backup"`,
            `    exit 0`,
            `fi`,
            `read -r instance project <<< "\${targets[0]}"`,
            `description="bilko ${stack} before migrations, build $BUILD_ID"`,
            `echo "backing up $instance before migrating"`,
            `gcloud sql backups create --instance "$instance" --project "$project" --description "$description"`,
            `listing=$(gcloud sql backups list --instance "$instance" --project "$project" --filter "description=\\"$description\\"" --limit 1 --format 'value(id,status)')`,
            `read -r backup_id backup_status <<< "$listing" || true`,
            `if [[ \${backup_status:-} != SUCCESSFUL ]]; then`,
            `    fail "the backup of $instance did not succeed (id '\${backup_id:-none}', status '\${backup_status:-unknown}'): not migrating"`,
            `fi`,
            `echo "$backup_id" > ${handoff.backupId(stack)}`,
            `echo "backup $backup_id of $instance: SUCCESSFUL; to restore it: gcloud sql backups restore $backup_id --backup-instance $instance --restore-instance <target instance> --project $project"`,
        ],
        BUILD_ENV,
    );
}

export function schemaStep(target: DeployTarget): ScriptStep {
    const { stack } = target;
    return recordedStep(`schema-${stack}`, pulumiBuilder(target), stack, [
        `mapfile -t jobs < ${handoff.migrationJobs(stack)}`,
        `if (( \${#jobs[@]} == 0 )); then`,
        `    echo "${stack} runs no migrations in this build"`,
        `    exit 0`,
        `fi`,
        `mapfile -t services < ${handoff.serviceUrns(stack)}`,
        `exclude_flags=()`,
        `for urn in "\${services[@]}"; do`,
        `    exclude_flags+=(--exclude "$urn")`,
        `done`,
        login(target),
        `touch ${handoff.changed(stack)}`,
        `# Everything but the Cloud Run services (and what depends on them) moves: the job now runs the new migrator.`,
        up(stack, `"\${exclude_flags[@]}" --exclude-dependents`),
    ]);
}

export function migrateStep(target: DeployTarget): ScriptStep {
    const { stack } = target;
    const run = FLYWAY_COMMANDS.map(({ command, args }) => [
        `    echo "=== flyway ${command} ($job)"`,
        `    if gcloud run jobs execute "$job" --region "$region" --project "$project" --args='${args}' --wait; then outcome=ok; else outcome=failed; fi`,
        `    show_log "$job" "$region" "$project"`,
        `    if [[ $outcome == failed ]]; then`,
        ...(command === "migrate" ? [`        gcloud run jobs execute "$job" --region "$region" --project "$project" --args=info --wait || true`, `        show_log "$job" "$region" "$project"`] : []),
        `        fail "flyway ${command} failed in $job"`,
        `    fi`,
    ]);
    return recordedStep(`migrate-${stack}`, "gcloud", stack, [
        `# The job logs to Cloud Logging; each execution's log is copied here, in order, once it has arrived.`,
        `show_log() {`,
        `    sleep ${LOG_SETTLE_SECONDS}`,
        `    local execution`,
        `    execution=$(gcloud run jobs executions list --job "$1" --region "$2" --project "$3" --limit 1 --format='value(metadata.name)')`,
        `    gcloud logging read "resource.type=\\"cloud_run_job\\" AND labels.\\"run.googleapis.com/execution_name\\"=\\"$execution\\"" --project "$3" --order asc --format='value(textPayload)' || echo "(could not read the log of $execution)"`,
        `}`,
        `mapfile -t jobs < ${handoff.migrationJobs(stack)}`,
        `for line in "\${jobs[@]}"; do`,
        `    read -r job region project <<< "$line"`,
        ...run.flat(),
        `done`,
    ]);
}
