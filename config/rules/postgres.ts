/** `bilko:postgres`: an edition Cloud SQL can run on the chosen tier. */
import { editionForTier } from "../../components/cloudsql/rules";
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
    return undefined;
}
