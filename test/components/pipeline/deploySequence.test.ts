/**
 * The deploy sequence as a state machine: a pure model of Cloud Run (revisions, traffic, tags; it refuses traffic to
 * a revision that does not exist, as the API does, and keeps serving the last ready revision when an update fails),
 * of Pulumi (a `pulumi up` that excludes the services leaves them, and their reported state, as they were; a failed
 * update keeps the previous outputs), of Flyway (validate fails when the database has migrations the migrator lacks),
 * and of the pipeline's steps, which decide with the same functions the program and the step scripts use. Builds run
 * one after another, with a failure injected at each step in turn; after every build the invariants must hold.
 */
import * as assert from "assert";
import { nextRollout, reportedRollout, revisionName, trafficTargets, type LiveService } from "../../../components/cloudrun";
import { migratingServices, restoreDigests } from "../../../components/pipeline/stackFacts";
import { parseStackConfig, type Release, type StackConfig } from "../../../config";
import { releasedDigests, releasedMigrators, requestedCandidatePercent, type ReleasedDigests, type ReleasedMigrators } from "../../../promotion";
import { COMMITTED_STACKS, committedValues } from "../../support/stacks";
import { digestOf } from "../../support/digests";

const SERVICE = "bilko-api-demo";
/** The template hash part of a revision name: the config does not change across these builds. */
const TEMPLATE = "5eed0000";

class CloudRunRefused extends Error {}

/** Cloud Run's behaviour that matters here. */
class CloudRun {
    readonly revisions = new Map<string, { digest: string; ready: boolean }>();
    traffic: Array<{ revision: string; percent: number; tag?: string }> | undefined;
    readonly refusals: string[] = [];

    live(): LiveService | undefined {
        return this.traffic ? { traffic: this.traffic.map((target) => ({ ...target })) } : undefined;
    }

    /** A service update: the template's revision (created if new) and the traffic; all or nothing. */
    update(revision: string, digest: string, healthy: boolean, traffic: Array<{ revision: string; percent: number; tag: string }>): void {
        const missing = traffic.find((target) => target.revision !== revision && !this.revisions.has(target.revision));
        if (missing) {
            this.refusals.push(`Revision ${missing.revision} does not exist`);
            throw new CloudRunRefused(`Revision ${missing.revision} does not exist`);
        }
        if (traffic.reduce((sum, target) => sum + target.percent, 0) !== 100) {
            throw new CloudRunRefused("traffic does not total 100");
        }
        if (!this.revisions.has(revision)) {
            this.revisions.set(revision, { digest, ready: healthy });
        }
        if (!this.revisions.get(revision)!.ready) {
            throw new CloudRunRefused(`Revision ${revision} is not ready; traffic stays on the last serving revision`);
        }
        this.traffic = traffic.map((target) => ({ ...target }));
    }

    /** `gcloud run services update-traffic --to-revisions <revision>=100`: tags stay where they are. */
    moveAllTrafficTo(revision: string): void {
        assert.ok(this.revisions.get(revision)?.ready, `${revision} is ready`);
        this.traffic = this.traffic!.map((target) => ({ ...target, percent: target.revision === revision ? 100 : 0 }));
        if (!this.traffic.some((target) => target.revision === revision)) {
            this.traffic.push({ revision, percent: 100 });
        }
    }

    serving(): string[] {
        return (this.traffic ?? []).filter((target) => target.percent > 0).map((target) => this.revisions.get(target.revision)!.digest);
    }
}

/** What Flyway sees: the migrations applied, and each migrator image's migrations. */
class Database {
    applied: string[] = ["V1"];
    readonly migrations = new Map<string, string[]>();

    validate(migrator: string): void {
        const known = this.migrations.get(migrator)!;
        const unknown = this.applied.find((version) => !known.includes(version));
        if (unknown) {
            throw new Error(`Validate failed: applied migration ${unknown} not resolved locally`);
        }
    }

    migrate(migrator: string): void {
        this.applied = [...new Set([...this.applied, ...this.migrations.get(migrator)!])];
    }
}

interface Outputs {
    releasedDigests?: ReleasedDigests;
    releasedMigrators?: ReleasedMigrators;
    rollout?: ReturnType<typeof reportedRollout>;
}

/** One image as a build produced it: the api digest, its migrator, and whether it works. */
interface Build {
    digest: string;
    migrator: string;
    migrations: string[];
    healthy: boolean;
}

const STEPS = ["backup", "schema", "migrate", "up", "smoke", "release"] as const;
type Step = (typeof STEPS)[number];

class World {
    readonly cloudRun = new CloudRun();
    readonly database = new Database();
    outputs: Outputs = {};
    releases: Release[] = [];
    /** Digests whose smoke test passed at some point: the only ones allowed in releasedDigests. */
    readonly smokePassed = new Set<string>();
    readonly healthy = new Map<string, boolean>();
    canaryPercent = 100;

    config(digest: string, migrator: string, smoke: Record<string, string> = {}): StackConfig {
        const values = committedValues("demo");
        values["bilko:services"].api.digest = digest;
        values["bilko:services"].api.migrations.digest = migrator;
        values["bilko:releases"] = this.releases;
        values["bilko:smokePassed"] = smoke;
        values["bilko:rollout"] = { canaryPercent: this.canaryPercent };
        delete values["bilko:services"].web;
        delete values["bilko:services"].api.corsFrom;
        delete values["bilko:smoke"];
        return parseStackConfig(values, { stack: "demo", knownStacks: COMMITTED_STACKS });
    }

    /**
     * The program under `pulumi up`: the services' traffic from the live service, outputs from what Cloud Run reports.
     * `excludeServices`: the services are left alone (the schema step). A failed update keeps the previous outputs.
     */
    up(config: StackConfig, options: { excludeServices?: boolean } = {}): void {
        const api = config.services.api;
        const candidate = revisionName(SERVICE, api.digest, TEMPLATE);
        if (!options.excludeServices) {
            const rollout = nextRollout({ candidate, requestedPercent: requestedCandidatePercent("api", api.digest, config.releases, config.rollout.canaryPercent), live: this.cloudRun.live() });
            this.cloudRun.update(candidate, api.digest, this.healthy.get(api.digest) ?? true, trafficTargets(rollout));
        }
        const released = releasedDigests({ current: { api: api.digest }, smokePassed: config.smokePassed, previous: this.outputs.releasedDigests, releases: config.releases });
        this.outputs = {
            releasedDigests: released,
            releasedMigrators: releasedMigrators({ released, current: { api: api.digest }, migrators: { api: api.migrations!.digest }, previous: this.outputs.releasedMigrators }),
            rollout: reportedRollout(this.cloudRun.live() ?? { traffic: [] }),
        };
    }

    /** One deployment of `build` to demo, as the pipeline's steps run it, failing at `failAt`. Returns whether it released. */
    deploy(build: Build, failAt?: Step): boolean {
        this.database.migrations.set(build.migrator, build.migrations);
        this.healthy.set(build.digest, build.healthy);
        let config = this.config(build.digest, build.migrator);
        const restore = restoreDigests(config, this.outputs);
        let failed = false;
        let changed = false;
        const step = (name: Step, body: () => void) => {
            if (failed) {
                return;
            }
            try {
                if (failAt === name) {
                    throw new Error(`${name} failed (injected)`);
                }
                body();
            } catch {
                failed = true;
            }
        };
        const migrating = migratingServices(config).length > 0;
        step("backup", () => undefined);
        step("schema", () => {
            if (migrating) {
                changed = true;
                this.up(config, { excludeServices: true });
            }
        });
        step("migrate", () => {
            if (migrating) {
                this.database.validate(build.migrator);
                this.database.migrate(build.migrator);
            }
        });
        step("up", () => {
            changed = true;
            this.up(config);
        });
        step("smoke", () => {
            const serving = this.cloudRun.serving();
            if (!serving.includes(build.digest) || serving.some((digest) => this.healthy.get(digest) === false)) {
                throw new Error("smoke test failed");
            }
            this.smokePassed.add(build.digest);
        });
        step("release", () => {
            config = this.config(build.digest, build.migrator, { api: build.digest });
            this.up(config);
        });
        if (failed && changed && restore.length > 0) {
            const digest = restore.find((line) => line.startsWith("bilko:services.api.digest "))!.split(" ")[1];
            const migrator = restore.find((line) => line.startsWith("bilko:services.api.migrations.digest "))?.split(" ")[1] ?? build.migrator;
            this.up(this.config(digest, migrator));
        }
        return !failed;
    }

    /** The invariants every build must leave. */
    check(when: string): void {
        assert.deepStrictEqual(this.cloudRun.refusals, [], `${when}: Cloud Run refused an update`);
        for (const revision of [this.outputs.rollout?.candidate, this.outputs.rollout?.stable].filter((name): name is string => name !== undefined)) {
            assert.ok(this.cloudRun.revisions.has(revision), `${when}: the rollout output names ${revision}, which Cloud Run does not have`);
        }
        for (const digest of this.outputs.releasedDigests?.api ?? []) {
            assert.ok(this.smokePassed.has(digest), `${when}: ${digest} is released without having passed its smoke test`);
        }
        assert.ok(this.cloudRun.serving().every((digest) => this.healthy.get(digest) !== false), `${when}: an unhealthy digest serves traffic`);
    }
}

const A: Build = { digest: digestOf("a"), migrator: digestOf("1"), migrations: ["V1"], healthy: true };
const B: Build = { digest: digestOf("b"), migrator: digestOf("2"), migrations: ["V1", "V2"], healthy: true };
const C: Build = { digest: digestOf("c"), migrator: digestOf("3"), migrations: ["V1", "V2", "V3"], healthy: true };
const D: Build = { digest: digestOf("d"), migrator: digestOf("4"), migrations: ["V1", "V2", "V3", "V4"], healthy: true };

/** A world where A and B were released in turn. */
function afterTwoReleases(canaryPercent = 100): World {
    const world = new World();
    world.canaryPercent = canaryPercent;
    assert.ok(world.deploy(A), "first deployment");
    world.check("after A");
    assert.ok(world.deploy(B), "second deployment");
    world.check("after B");
    return world;
}

describe("deploy sequence as a state machine", () => {
    it("the first deployment of a stack creates the service and releases its digest", () => {
        const world = new World();
        assert.ok(world.deploy(A));
        world.check("first deployment");
        assert.deepStrictEqual(world.outputs.releasedDigests, { api: [A.digest] });
        assert.deepStrictEqual(world.cloudRun.serving(), [A.digest]);
    });

    for (const canaryPercent of [100, 10]) {
        for (const failAt of STEPS) {
            it(`canary ${canaryPercent}%: a failure at ${failAt}, then the restore and the next build, leave Cloud Run and the outputs consistent`, () => {
                const world = afterTwoReleases(canaryPercent);
                assert.strictEqual(world.deploy(C, failAt), false);
                world.check(`after C failed at ${failAt}`);
                assert.deepStrictEqual(world.outputs.releasedDigests?.api, [B.digest, A.digest], "nothing new released");
                assert.ok(world.cloudRun.serving().includes(B.digest), "the last released digest serves again");
                assert.ok(!world.cloudRun.serving().includes(C.digest), "the failed digest serves nothing");
                assert.ok(world.deploy(D), "the next build deploys");
                world.check(`after D`);
                assert.strictEqual(world.outputs.releasedDigests?.api[0], D.digest);
                assert.ok(world.cloudRun.serving().includes(D.digest));
            });
        }
    }

    it("a digest that deploys but is unhealthy never serves, is never released, and the next build goes through", () => {
        const world = afterTwoReleases(10);
        const before = JSON.stringify(world.cloudRun.traffic);
        assert.strictEqual(world.deploy({ ...C, healthy: false }), false);
        world.check("after an unhealthy C");
        assert.strictEqual(JSON.stringify(world.cloudRun.traffic), before, "B's canary and A, as before");
        assert.ok(world.deploy(D));
        world.check("after D");
    });

    it("a migration that fails after the partial update leaves outputs naming only live revisions (the bug the live read fixes)", () => {
        const world = afterTwoReleases(10);
        const liveBefore = JSON.stringify(world.cloudRun.traffic);
        assert.strictEqual(world.deploy(C, "migrate"), false);
        world.check("after the failed migration");
        assert.strictEqual(JSON.stringify(world.cloudRun.traffic), liveBefore, "the services never moved");
        assert.strictEqual(world.outputs.rollout?.candidate, revisionName(SERVICE, B.digest, TEMPLATE));
    });

    it("rollback --now, then the pipeline's deployment of the rollback entry: no new revision, no migrations, released again", () => {
        const world = afterTwoReleases(100);
        const revisionsBefore = world.cloudRun.revisions.size;
        const applied = [...world.database.applied];
        world.cloudRun.moveAllTrafficTo(revisionName(SERVICE, A.digest, TEMPLATE));
        world.releases = [{ service: "api", digest: A.digest, from: "demo", at: "2026-11-22T08:00:00Z", by: "oncall@alai.no", kind: "rollback" }];
        assert.ok(world.deploy(A), "the pipeline reconciles");
        world.check("after reconciling the rollback");
        assert.strictEqual(world.cloudRun.revisions.size, revisionsBefore, "no revision created");
        assert.deepStrictEqual(world.database.applied, applied, "no migration ran");
        assert.deepStrictEqual(world.cloudRun.serving(), [A.digest]);
    });

    it("without the rollback entry, deploying an older image would run Flyway validate against newer migrations, and fail", () => {
        const world = afterTwoReleases(100);
        assert.strictEqual(world.deploy(A), false, "validate refuses: V2 is applied, A's migrator does not know it");
        world.check("after the refused rollback");
        assert.deepStrictEqual(world.cloudRun.serving(), [B.digest]);
    });

    it("the model itself refuses traffic to a revision that does not exist, as Cloud Run does", () => {
        const cloudRun = new CloudRun();
        assert.throws(() => cloudRun.update("new", A.digest, true, [{ revision: "new", percent: 0, tag: "candidate" }, { revision: "ghost", percent: 100, tag: "stable" }]), /Revision ghost does not exist/);
    });
});
