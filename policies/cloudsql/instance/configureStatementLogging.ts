import { resourcePolicy } from "../../support/policy";
import { SQL_INSTANCE, flagValue, subject } from "../support";

/** `log_statement` values that include every DDL statement. */
const DDL_OR_MORE = ["ddl", "mod", "all"];

export const configureStatementLogging = resourcePolicy({
    name: "cloudsql-instance-configure-statement-logging",
    description: "Cloud SQL instances log every DDL statement (log_statement ddl or more) and no statement text by duration (log_min_duration_statement -1), as CIS GCP 6.2 asks.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const statement = flagValue(props, "log_statement");
        if (typeof statement !== "string" || !DDL_OR_MORE.includes(statement)) {
            report(`${subject(args.name)} sets log_statement to ${statement === undefined ? "nothing (PostgreSQL's default, none)" : JSON.stringify(statement)}; set it to ddl so every schema change is logged.`);
        }
        const duration = flagValue(props, "log_min_duration_statement");
        if (duration !== "-1") {
            report(
                `${subject(args.name)} sets log_min_duration_statement to ${duration === undefined ? "nothing" : JSON.stringify(duration)}; set it to -1: ` +
                    `statements logged by duration carry their text, and so the data in them, into the logs.`,
            );
        }
    },
});
