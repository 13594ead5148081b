import { inProd } from "../../support/labels";
import { resourcePolicy } from "../../support/policy";
import { SQL_INSTANCE, flagValue, prodSubject } from "../support";

export const enablePgaudit = resourcePolicy({
    name: "cloudsql-instance-enable-pgaudit",
    description: "Cloud SQL instances labelled environment=prod run pgAudit (cloudsql.enable_pgaudit on) and log at least something with it (pgaudit.log).",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        if (!inProd(args.type, props)) {
            return;
        }
        if (flagValue(props, "cloudsql.enable_pgaudit") !== "on") {
            report(`${prodSubject(args.name)} does not set cloudsql.enable_pgaudit=on; turn pgAudit on (bilko:postgres.pgaudit) so schema and role changes leave an audit trail.`);
            return;
        }
        const log = flagValue(props, "pgaudit.log");
        if (typeof log !== "string" || log.length === 0 || log === "none") {
            report(`${prodSubject(args.name)} runs pgAudit with pgaudit.log ${log === undefined ? "unset" : JSON.stringify(log)}, which logs nothing; set it to the classes to audit, e.g. ddl,role.`);
        }
    },
});
