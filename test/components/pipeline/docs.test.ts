import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { pipelineGrants, PIPELINE_IDENTITIES, type RoleGrant } from "../../../components/pipeline/identities";
import { PROJECT_DIR } from "../../support/stacks";

const SCOPE_TEXT: Record<RoleGrant["scope"], string> = {
    project: "project",
    repository: "the repository",
    dockerHubCache: "the Docker Hub cache",
    stateBucket: "the state bucket",
    secretsKey: "the secrets key",
};

/** `identity role on reason` for every grant, the way the table in docs/pipeline.md writes it. */
function row(identity: string, grant: RoleGrant): string {
    const on = `${SCOPE_TEXT[grant.scope]}${grant.condition ? `, if ${grant.condition.title}` : ""}`;
    return `${identity} | ${grant.role} | ${on} | ${grant.reason}`;
}

/** The same from the roles table: one entry per checked identity column. */
function documentedRows(): string[] {
    const text = fs.readFileSync(path.join(PROJECT_DIR, "docs", "pipeline.md"), "utf8");
    const table = text.split("\n").filter((line) => /^\| `roles\//.test(line));
    return table.flatMap((line) => {
        const [role, on, ...rest] = line.split("|").slice(1, -1).map((cell) => cell.trim());
        const checks = rest.slice(0, PIPELINE_IDENTITIES.length);
        const reason = rest[PIPELINE_IDENTITIES.length];
        return PIPELINE_IDENTITIES.filter((_, index) => checks[index] === "✓").map((identity) => `${identity} | ${role.replace(/`/g, "")} | ${on} | ${reason}`);
    });
}

describe("docs/pipeline.md", () => {
    it("lists every role of every pipeline account (GKE, network, drift and notification roles included), where it is granted and why, as components/pipeline/identities.ts does", () => {
        const grants = pipelineGrants("bucket", { kubernetes: true, network: true, drift: true, notifications: true });
        const declared = PIPELINE_IDENTITIES.flatMap((identity) => grants[identity].map((grant) => row(identity, grant)));
        assert.deepStrictEqual(documentedRows().sort(), declared.sort());
    });
});
