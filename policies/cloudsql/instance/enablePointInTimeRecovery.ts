import { inProd } from "../../support/labels";
import { resourcePolicy, type Props } from "../../support/policy";
import { SQL_INSTANCE, prodSubject } from "../support";

export const enablePointInTimeRecovery = resourcePolicy({
    name: "cloudsql-instance-enable-point-in-time-recovery",
    description: "Cloud SQL instances labelled environment=prod take backups with point-in-time recovery.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const backups: Props = props.settings?.backupConfiguration ?? {};
        if (inProd(args.type, props) && (backups.enabled !== true || backups.pointInTimeRecoveryEnabled !== true)) {
            const off = backups.enabled !== true ? "backups are off" : "point-in-time recovery is off";
            report(`${prodSubject(args.name)} ${off}; set settings.backupConfiguration.enabled and pointInTimeRecoveryEnabled to true.`);
        }
    },
});
