import { resourcePolicy } from "../../support/policy";
import { SQL_INSTANCE, REQUIRED_SSL_MODES, subject } from "../support";

export const enforceSsl = resourcePolicy({
    name: "cloudsql-instance-enforce-ssl",
    description: "Cloud SQL instances refuse unencrypted connections.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const mode = props.settings?.ipConfiguration?.sslMode;
        if (!REQUIRED_SSL_MODES.includes(mode)) {
            const current = mode === undefined ? "sslMode unset" : `sslMode ${mode}`;
            report(`${subject(args.name)} accepts unencrypted connections (${current}); set settings.ipConfiguration.sslMode to ${REQUIRED_SSL_MODES.join(" or ")}.`);
        }
    },
});
