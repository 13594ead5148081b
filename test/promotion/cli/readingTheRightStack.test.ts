/**
 * What promote and rollback read from pulumi, class by class: the stack the upstream guard reads (organization
 * included), outputs that are the expected stack's and no other's, times that are times, keys that are keys, and
 * command-line options that are never silently dropped.
 */
import * as assert from "assert";
import { foreignOutputsProblem } from "../../../promotion/outputsIdentity";
import { committedValues } from "../../support/stacks";
import { digestOf, minutesAgo, Project, REGISTRY_URL, update, upstreamOutputs } from "./support";

const demo = committedValues("demo")["bilko:services"];
const prod = committedValues("prod")["bilko:services"];
const NEW_WEB = digestOf("a");

describe("reading the right stack", () => {
    describe("the stack name", () => {
        it("with bilko:organization, reads <organization>/<project>/<upstream>, the name the upstream guard reads", async () => {
            const project = new Project().outputs("acme/bilko/stage", upstreamOutputs({ web: NEW_WEB, api: demo.api.digest }));
            project.write("demo", project.read("demo").replace("  bilko:upstream: stage\n", "  bilko:upstream: stage\n  bilko:organization: acme\n"));
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 0, run.stderr);
            assert.deepStrictEqual(project.calls(), ["stack output --json --stack acme/bilko/stage"]);
        });

        it("without it, passes the plain name, which the CLI qualifies with its default organization and this project", async () => {
            const project = new Project().outputs("stage", upstreamOutputs({ web: NEW_WEB, api: demo.api.digest }));
            assert.strictEqual((await project.run("promote", ["demo", "--dry-run"])).status, 0);
            assert.deepStrictEqual(project.calls(), ["stack output --json --stack stage"]);
        });
    });

    describe("outputs of another stack", () => {
        const cases: Array<[string, Record<string, unknown>, RegExp]> = [
            ["another environment's (a wrong name or organization)", { environment: "prod" }, /stack "stage" reports environment "prod", but Pulumi\.stage\.yaml says "stage": these are another stack's outputs \(check the stack name and bilko:organization\)$/],
            ["another project's registry", { registryUrl: "europe-north1-docker.pkg.dev/someone-else/bilko" }, /stack "stage" reports registryUrl "europe-north1-docker\.pkg\.dev\/someone-else\/bilko", not "europe-north1-docker\.pkg\.dev\/tribal-sign-487920-k0\/bilko": its digests name images of another registry/],
            ["a stack this program never deployed", { environment: undefined }, /stack "stage" reports no environment output: it was not deployed by this program$/],
        ];
        for (const [what, lie, message] of cases) {
            it(`refuses ${what} with exit 2 and writes nothing`, async () => {
                const project = new Project().outputs("stage", { ...upstreamOutputs({ web: NEW_WEB, api: demo.api.digest }), ...lie });
                const original = project.read("demo");
                const run = await project.run("promote", ["demo"]);
                assert.strictEqual(run.status, 2, run.stdout);
                assert.match(run.stderr, /^promote: pulumi stack output --json --stack stage: /);
                assert.match(run.stderr.trim(), message);
                assert.strictEqual(project.read("demo"), original);
            });
        }

        it("refuses them for a rollback too: the stack's own outputs must be its own", async () => {
            const project = new Project().outputs("prod", { environment: "demo", releasedDigests: { web: [prod.web.digest, digestOf("c")] } });
            const run = await project.run("rollback", ["prod", "--service", "web"]);
            assert.strictEqual(run.status, 2);
            assert.match(run.stderr, /^rollback: pulumi stack output --json --stack prod: stack "prod" reports environment "demo", but Pulumi\.prod\.yaml says "prod"/);
        });

        it("is decided from the outputs alone", () => {
            const expected = { stack: "stage", file: "Pulumi.stage.yaml", environment: "stage", registryUrl: REGISTRY_URL };
            assert.strictEqual(foreignOutputsProblem({ environment: "stage", registryUrl: REGISTRY_URL }, expected), undefined);
            assert.match(foreignOutputsProblem({ environment: "stage" }, expected)!, /reports no registryUrl output/);
        });
    });

    describe("keys and names that are not what they seem", () => {
        it("refuses a __proto__ key in pulumi's answer", async () => {
            const project = new Project().outputs("stage", `{"environment":"stage","registryUrl":"${REGISTRY_URL}","services":{"__proto__":{"digest":"${NEW_WEB}"}}}`);
            const run = await project.run("promote", ["demo"]);
            assert.strictEqual(run.status, 2);
            assert.match(run.stderr, /^promote: pulumi stack output --json --stack stage: services\.__proto__: a key named "__proto__" is not allowed/);
        });

        it("treats a service named like an Object property as any other service", async () => {
            const project = new Project().outputs("stage", upstreamOutputs({ web: NEW_WEB, api: demo.api.digest })).outputs("demo", { releasedDigests: { web: [demo.web.digest] } });
            const text = project.read("demo");
            const web = text.slice(text.indexOf("    web:\n"), text.indexOf("    api:\n"));
            project.write("demo", text.replace("    api:\n", `${web.replace("    web:", "    constructor:").replace("bilko-demo.alai.no", "constructor-demo.alai.no")}    api:\n`));
            const promoted = await project.run("promote", ["demo", "--service", "constructor"]);
            assert.strictEqual(promoted.status, 1);
            assert.match(promoted.stderr, /^promote: refused: stack "stage" has no output services\.constructor\.digest;/);
            const rolledBack = await project.run("rollback", ["demo", "--service", "constructor"]);
            assert.strictEqual(rolledBack.status, 1);
            assert.match(rolledBack.stderr, /^rollback: refused: constructor has no earlier digest in stack "demo" to roll back to/);
        });
    });

    describe("times from pulumi stack history", () => {
        function prodAfterDemoDeployedAt(endTime: unknown): Project {
            const deployed = { ...update(7, "succeeded", minutesAgo(90)), endTime };
            return new Project().outputs("demo", upstreamOutputs({ web: demo.web.digest, api: demo.api.digest })).history("demo", [deployed]);
        }

        it("refuses an end time in the future instead of counting negative minutes", async () => {
            const run = await prodAfterDemoDeployedAt(new Date(Date.now() + 72 * 3600 * 1000).toISOString()).run("promote", ["prod"]);
            assert.strictEqual(run.status, 2);
            assert.match(run.stderr, /^promote: pulumi stack history --json --stack demo: update 7 ended at \S+, 72\.0 h in the future: is this machine's clock right\?\n$/);
        });

        it("refuses an end time that is no RFC 3339 time (\"0\" once read as the year 2000)", async () => {
            for (const endTime of ["0", "yesterday", 1732000000, "1999-12-31T23:59:59.000Z"]) {
                const run = await prodAfterDemoDeployedAt(endTime).run("promote", ["prod"]);
                assert.strictEqual(run.status, 2, String(endTime));
                assert.match(run.stderr, /update 7 has no valid endTime/);
            }
        });

        it("takes the CLI's own format, and any offset", async () => {
            const ninetyMinutesAgo = minutesAgo(90);
            const withOffset = new Date(ninetyMinutesAgo.getTime() + 2 * 3600 * 1000).toISOString().replace("Z", "+02:00");
            for (const endTime of [ninetyMinutesAgo.toISOString(), withOffset]) {
                assert.strictEqual((await prodAfterDemoDeployedAt(endTime).run("promote", ["prod", "--dry-run"])).status, 0, endTime);
            }
        });
    });

    describe("options given more than once", () => {
        it("merges repeated --service", async () => {
            const project = new Project().outputs("stage", upstreamOutputs({ web: NEW_WEB, api: digestOf("b") }));
            const run = await project.run("promote", ["demo", "--service", "web", "--service", "api"]);
            assert.strictEqual(run.status, 0, run.stderr);
            assert.deepStrictEqual([project.config("demo")["bilko:services"].web.digest, project.config("demo")["bilko:services"].api.digest], [NEW_WEB, digestOf("b")]);
        });

        it("refuses a repeated --reason or --to rather than keep only the last", async () => {
            const project = new Project();
            const reasons = await project.run("promote", ["demo", "--reason", "first", "--reason", "second"]);
            assert.strictEqual(reasons.status, 2);
            assert.strictEqual(reasons.stderr, 'promote: --reason given 2 times ("first", "second"); give it once\n');
            const targets = await project.run("rollback", ["prod", "--service", "web", "--to", digestOf("c"), "--to", digestOf("d")]);
            assert.strictEqual(targets.status, 2);
            assert.match(targets.stderr, /^rollback: --to given 2 times/);
            assert.deepStrictEqual(project.calls(), []);
        });
    });

    it("--force says which guard it skipped a service for", async () => {
        const project = new Project().outputs("stage", upstreamOutputs({ api: digestOf("b") }));
        const run = await project.run("promote", ["demo", "--force", "--reason", "api hotfix"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^ {2}skipped: web: stack "stage" has no output services\.web\.digest \(nothing written for it\)$/m);
    });
});
