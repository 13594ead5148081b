import { editionForTier, editionMatchesTier } from "../../../components/cloudsql/rules";
import { resourcePolicy } from "../../support/policy";
import { SQL_INSTANCE, subject, defaultEdition } from "../support";

export const enforceEditionTier = resourcePolicy({
    name: "cloudsql-instance-enforce-edition-tier",
    description: "A Cloud SQL instance's edition matches its tier family: ENTERPRISE_PLUS exactly on db-perf-optimized-N-* tiers.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        const tier = props.settings?.tier;
        if (typeof tier !== "string") {
            return;
        }
        const edition = props.settings?.edition ?? defaultEdition(props.databaseVersion);
        if (!editionMatchesTier(edition, tier)) {
            const current = props.settings?.edition === undefined ? `leaves settings.edition unset, so Cloud SQL picks ${edition} for ${props.databaseVersion},` : `runs edition ${edition}`;
            report(
                `${subject(args.name)} ${current} on tier "${tier}", which that edition cannot run; ` +
                    `set settings.edition to ${editionForTier(tier)} or choose a tier of the ${edition} family.`,
            );
        }
    },
});
