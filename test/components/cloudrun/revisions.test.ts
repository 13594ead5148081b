import * as assert from "assert";
import { canonicalJson, revisionName, revisionNamingProblem, templateHash } from "../../../components/cloudrun";

const A = `sha256:${"a".repeat(64)}`;

describe("revision names", () => {
    const template = { containers: [{ image: `r/web@${A}`, envs: [{ name: "X", value: "1" }] }], scaling: { maxInstanceCount: 3 } };

    it("name the service, the digest and the template", () => {
        assert.strictEqual(revisionName("bilko-web", A, "0123abcd"), `bilko-web-${"a".repeat(12)}-0123abcd`);
    });

    it("change with any config change, even with the same digest", () => {
        const changed = { ...template, scaling: { maxInstanceCount: 4 } };
        assert.notStrictEqual(templateHash(changed), templateHash(template));
    });

    it("do not depend on key order or undefined members", () => {
        const reordered = { scaling: { maxInstanceCount: 3 }, revision: undefined, containers: template.containers };
        assert.strictEqual(templateHash(reordered), templateHash(template));
        assert.strictEqual(canonicalJson({ b: 1, a: [undefined, { d: undefined, c: "x" }] }), '{"a":[null,{"c":"x"}],"b":1}');
    });

    it("refuse names Cloud Run would reject", () => {
        assert.throws(() => revisionName(`bilko-${"x".repeat(40)}`, A, "0123abcd"), /longer than 63 characters/);
    });

    it("tell a component, before any deployment, that a service name cannot carry revision names or tags", () => {
        assert.strictEqual(revisionNamingProblem("bilko-web-stage", ["candidate", "stable"]), undefined);
        assert.match(revisionNamingProblem(`bilko-${"x".repeat(40)}`, ["candidate"])!, /would be 68 characters, more than Cloud Run's 63/);
        assert.match(revisionNamingProblem(`bilko-${"x".repeat(32)}`, ["candidate"])!, /revision tag "candidate" .* exceeds Cloud Run's 46 characters/);
    });
});
