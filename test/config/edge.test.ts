import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { COMMITTED_STACKS, edited } from "../support/stacks";
import { refusal } from "./support";

const loadBalancer = (armor: Record<string, unknown> = { mode: "preview" }) => ({ mode: "load-balancer", armor });

describe("stack config: bilko:edge", () => {
    it("defaults to domain mappings where the file says nothing (stage, demo), and reads prod's load balancer", () => {
        const stage = parseStackConfig(edited("stage", () => undefined), { stack: "stage", knownStacks: COMMITTED_STACKS });
        assert.deepStrictEqual(stage.edge, { mode: "domain-mapping" });
        const prod = parseStackConfig(edited("prod", () => undefined), { stack: "prod", knownStacks: COMMITTED_STACKS });
        assert.deepStrictEqual(prod.edge, { mode: "load-balancer", armor: { mode: "enforce", rateLimits: { api: [{ path: "/auth/login", requests: 10, intervalSeconds: 60 }] } } });
    });

    it("refuses prod on domain mappings, naming the key", () => {
        assert.match(refusal("prod", (v) => (v["bilko:edge"].mode = "domain-mapping")), /^Pulumi\.prod\.yaml: bilko:edge\.mode: prod serves its hostnames through the load balancer/);
        assert.match(refusal("prod", (v) => delete v["bilko:edge"]), /^Pulumi\.prod\.yaml: bilko:edge\.mode: .*got "domain-mapping"$/);
    });

    it("refuses prod's Cloud Armor in preview, naming the key", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:edge"].armor.mode = "preview")),
            'Pulumi.prod.yaml: bilko:edge.armor.mode: prod\'s Cloud Armor blocks what it detects (enforce); preview only logs it, got "preview"',
        );
    });

    it("lets stage opt in, with Armor in preview", () => {
        assert.strictEqual(parseStackConfig(edited("stage", (v) => (v["bilko:edge"] = loadBalancer())), { stack: "stage", knownStacks: COMMITTED_STACKS }).edge.mode, "load-balancer");
    });

    it("refuses a load balancer without Armor, and Armor without a load balancer", () => {
        assert.match(refusal("stage", (v) => (v["bilko:edge"] = { mode: "load-balancer" })), /^Pulumi\.stage\.yaml: bilko:edge\.armor: missing required key: the load balancer puts Cloud Armor on every backend/);
        assert.match(refusal("stage", (v) => (v["bilko:edge"] = { armor: { mode: "enforce" } })), /^Pulumi\.stage\.yaml: bilko:edge\.armor: Cloud Armor sits on the load balancer's backends; domain mappings have none/);
    });

    it("refuses a mode or Armor mode it does not know, listing the allowed ones", () => {
        assert.strictEqual(refusal("stage", (v) => (v["bilko:edge"] = { mode: "cdn" })), 'Pulumi.stage.yaml: bilko:edge.mode: expected one of "domain-mapping", "load-balancer", got "cdn"');
        assert.strictEqual(refusal("stage", (v) => (v["bilko:edge"] = loadBalancer({ mode: "block" }))), 'Pulumi.stage.yaml: bilko:edge.armor.mode: expected one of "preview", "enforce", got "block"');
    });

    it("refuses Cloudflare's proxy in front of the load balancer, whose rate limits count per client IP", () => {
        assert.match(refusal("stage", (v) => ((v["bilko:edge"] = loadBalancer()), (v["bilko:dns"].proxied = true))), /^Pulumi\.stage\.yaml: bilko:dns\.proxied: the load balancer's rate limits count requests per client IP/);
    });

    it("refuses rate limits of an unknown service, a repeated path, an interval Cloud Armor lacks, a path it cannot match", () => {
        const limit = (overrides: Record<string, unknown> = {}) => ({ path: "/auth/login", requests: 5, intervalSeconds: 60, ...overrides });
        const withLimits = (rateLimits: Record<string, unknown>) => (v: Record<string, any>) => (v["bilko:edge"] = loadBalancer({ mode: "preview", rateLimits }));
        assert.strictEqual(refusal("stage", withLimits({ worker: [limit()] })), 'Pulumi.stage.yaml: bilko:edge.armor.rateLimits.worker: unknown service "worker" (services: web, api)');
        assert.strictEqual(refusal("stage", withLimits({ api: [limit(), limit({ path: "/AUTH/login" })] })), 'Pulumi.stage.yaml: bilko:edge.armor.rateLimits.api[1].path: "/AUTH/login" is already limited above; keep one limit per path');
        assert.strictEqual(
            refusal("stage", withLimits({ api: [limit({ intervalSeconds: 45 })] })),
            "Pulumi.stage.yaml: bilko:edge.armor.rateLimits.api[0].intervalSeconds: expected one of Cloud Armor's intervals (10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600 seconds), got 45",
        );
        assert.strictEqual(refusal("stage", withLimits({ api: [limit({ path: "/auth/login' || true" })] })), `Pulumi.stage.yaml: bilko:edge.armor.rateLimits.api[0].path: expected a URL path of letters, digits, ".", "_", "~", "-" and "/", starting with "/", got "/auth/login' || true"`);
    });

    it("refuses a load-balanced hostname Certificate Manager cannot name a certificate after", () => {
        assert.strictEqual(
            refusal("prod", (v) => (v["bilko:services"].web.hostname = "1bilko.alai.no")),
            'Pulumi.prod.yaml: bilko:services.web.hostname: "1bilko.alai.no" cannot name its Certificate Manager certificate (a letter first, at most 64 characters once dots become hyphens)',
        );
    });

    it("refuses a domain mapping still adopted behind the load balancer", () => {
        assert.match(refusal("demo", (v) => (v["bilko:edge"] = loadBalancer())), /^Pulumi\.demo\.yaml: bilko:services\.web\.adopt\.domainMapping: the load balancer replaces the hostname's domain mapping; remove this key and follow docs\/cutover\.md/);
    });
});
