import { knownItems, resourcePolicy, UNKNOWN, type Props } from "../../support/policy";
import { SQL_INSTANCE, CONNECTION_LOG_FLAGS, subject } from "../support";

export const enableConnectionLogging = resourcePolicy({
    name: "cloudsql-instance-enable-connection-logging",
    description: "Cloud SQL instances log connections and disconnections (database flags log_connections and log_disconnections on).",
    enforcementLevel: "advisory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const flags = knownItems(props.settings?.databaseFlags);
        if (flags.includes(UNKNOWN)) {
            return;
        }
        for (const flag of CONNECTION_LOG_FLAGS) {
            if (!(flags as Props[]).some((set) => set.name === flag && set.value === "on")) {
                report(`${subject(args.name)} does not set database flag ${flag}=on; add it to settings.databaseFlags so every connection leaves a log line.`);
            }
        }
    },
});
