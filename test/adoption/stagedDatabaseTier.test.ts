/**
 * Adopted stage and demo keep what would cut them off until their own cutover; turning each on is a first-run
 * change the stack must acknowledge, even though the estate does not know the live value.
 */
import * as assert from "assert";
import { checkAdoption } from "../../adoption/check";
import { readEstate } from "../../adoption/estate/read";
import { parseStackConfig } from "../../config";
import { COMMITTED_STACKS, edited, evaluate } from "../support/stacks";
import { COMMITTED_ESTATE } from "./support";

const ESTATE_FILE = "estate/tribal-sign-487920-k0.yaml";

async function refusals(edit: (values: Record<string, any>) => void): Promise<string[]> {
    const values = edited("demo", edit);
    const plan = await evaluate("demo", values);
    const config = parseStackConfig(values, { stack: "demo", knownStacks: COMMITTED_STACKS });
    return checkAdoption({ plan, config, estate: readEstate(COMMITTED_ESTATE, ESTATE_FILE), estateFile: ESTATE_FILE, app: "bilko" }).refusals;
}

describe("the adopted database's staged tier", function () {
    this.timeout(20000);

    it("turning pgAudit on restarts the live instance: refused until acknowledged", async () => {
        assert.deepStrictEqual(await refusals((v) => (v["bilko:postgres"].pgaudit = true)), [
            "first pulumi up sets flags.cloudsql.enable_pgaudit to on of sql.instance bilko-demo-db; Cloud SQL restarts the instance to change this flag: acknowledge it (bilko:postgres.adopt.acknowledge: flags.cloudsql.enable_pgaudit)",
        ]);
        const acknowledged = await refusals((v) => {
            v["bilko:postgres"].pgaudit = true;
            v["bilko:postgres"].adopt.acknowledge.push("flags.cloudsql.enable_pgaudit");
        });
        assert.deepStrictEqual(acknowledged, []);
    });
});
