import * as assert from "assert";
import { DEFAULT_DATABASE_ENV } from "../../components/workload/env";
import { looksLikeSecretName } from "../../components/workload/secretNames";
import type { StackPlan } from "../../offline/evaluate";
import { committedValues, plannedStack, resourceNamed, resourcesOfType } from "../support/stacks";

const STACKS = ["stage", "demo", "prod"];
const CLOUD_RUN = "gcp:cloudrunv2/service:Service";
const REGISTRY = "europe-north1-docker.pkg.dev/tribal-sign-487920-k0/bilko";

function container(plan: StackPlan, service: string) {
    return resourceNamed(plan, `${service}-service`).inputs.template.containers[0];
}

for (const stack of STACKS) {
    describe(`committed stack ${stack} under mocks`, () => {
        const values = committedValues(stack);
        const services: Record<string, any> = values["bilko:services"];
        let plan: StackPlan;
        before(async () => {
            plan = await plannedStack(stack);
        });

        it("runs every Cloud Run service from <registry>/<service>@<its configured digest>", () => {
            // The stack's services; stage also runs the build notifiers (components/notifications), labelled `notifier`.
            const runs = resourcesOfType(plan, CLOUD_RUN).filter((run) => run.inputs.labels?.notifier === undefined);
            assert.strictEqual(runs.length, Object.keys(services).length);
            for (const [name, service] of Object.entries(services)) {
                const image: string = container(plan, name).image;
                assert.strictEqual(image, `${REGISTRY}/${name}@${service.digest}`);
                assert.match(image, /@sha256:[0-9a-f]{64}$/);
            }
        });

        it("derives CORS_ORIGINS from the https hostnames of the corsFrom services, then the extra origins", () => {
            for (const [name, service] of Object.entries(services)) {
                const cors = (container(plan, name).envs as any[]).find((env) => env.name === "CORS_ORIGINS");
                const expected = [...(service.corsFrom ?? []).map((from: string) => `https://${services[from].hostname}`), ...(service.corsExtraOrigins ?? [])];
                assert.strictEqual(cors?.value, expected.length > 0 ? expected.join(",") : undefined, `CORS_ORIGINS of ${name}`);
            }
            assert.deepStrictEqual(plan.outputs.corsOrigins.api, [`https://${services.web.hostname}`, ...(services.api.corsExtraOrigins ?? [])]);
        });

        const behindLoadBalancer = values["bilko:edge"]?.mode === "load-balancer";

        it(`publishes exactly the configured hostnames, in DNS and ${behindLoadBalancer ? "on the load balancer" : "as domain mappings"}, each to the right service`, () => {
            const hostnames = Object.values(services).map((service) => service.hostname).sort();
            const records = resourcesOfType(plan, "cloudflare:index/dnsRecord:DnsRecord");
            for (const record of records) {
                assert.strictEqual(record.inputs.zoneId, values["bilko:dns"].zoneId);
            }
            const mappings = resourcesOfType(plan, "gcp:cloudrun/domainMapping:DomainMapping");
            if (!behindLoadBalancer) {
                assert.deepStrictEqual(records.map((record) => record.inputs.name).sort(), hostnames);
                for (const record of records) {
                    assert.deepStrictEqual([record.inputs.type, record.inputs.content, record.inputs.proxied], ["CNAME", "ghs.googlehosted.com", values["bilko:dns"].proxied]);
                }
                for (const [name, service] of Object.entries(services)) {
                    const mapping = mappings.find((m) => m.inputs.name === service.hostname);
                    assert.ok(mapping, `domain mapping for ${service.hostname}`);
                    assert.strictEqual(mapping.inputs.spec.routeName, resourceNamed(plan, `${name}-service`).inputs.name);
                }
                return;
            }
            assert.deepStrictEqual(mappings, []);
            // Per hostname an A and an AAAA record to the load balancer's addresses, and its certificate's authorization.
            const address = (version: string) => resourceNamed(plan, `lb-${version}`).inputs.name;
            const pointers = records.filter((record) => !record.inputs.name.startsWith("_acme-challenge."));
            assert.deepStrictEqual(pointers.map((record) => `${record.inputs.name} ${record.inputs.type}`).sort(), hostnames.flatMap((hostname) => [`${hostname} A`, `${hostname} AAAA`]).sort());
            assert.deepStrictEqual([address("ipv4"), address("ipv6")], ["bilko-lb-ipv4", "bilko-lb-ipv6"]);
            const authorizations = records.filter((record) => record.inputs.name.startsWith("_acme-challenge."));
            assert.deepStrictEqual(authorizations.map((record) => `${record.inputs.name} ${record.inputs.type} ${record.inputs.proxied}`).sort(), hostnames.map((hostname) => `_acme-challenge.${hostname} CNAME false`).sort());
            const urlMap = resourceNamed(plan, "lb-url-map").inputs;
            for (const [name, service] of Object.entries(services)) {
                const rule = urlMap.hostRules.find((candidate: any) => candidate.hosts.includes(service.hostname));
                const matcher = urlMap.pathMatchers.find((candidate: any) => candidate.name === rule.pathMatcher);
                const backend = resourceNamed(plan, `lb-${name}-backend`).inputs;
                assert.strictEqual(matcher.defaultService, `projects/${values["gcp:project"]}/global/backendServices/${backend.name}`);
                assert.strictEqual(resourceNamed(plan, `lb-${name}-neg`).inputs.cloudRun.service, resourceNamed(plan, `${name}-service`).inputs.name);
            }
        });

        if (behindLoadBalancer) {
            it("closes run.app, puts an enforcing Cloud Armor policy on every backend, and serves HTTPS with Certificate Manager (HTTP redirected)", () => {
                for (const name of Object.keys(services)) {
                    assert.strictEqual(resourceNamed(plan, `${name}-service`).inputs.ingress, "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", name);
                }
                const policies = new Map(resourcesOfType(plan, "gcp:compute/securityPolicy:SecurityPolicy").map((policy) => [policy.inputs.name, policy.inputs]));
                const backends = resourcesOfType(plan, "gcp:compute/backendService:BackendService");
                assert.strictEqual(backends.length, 2 * Object.keys(services).length);
                for (const backend of backends) {
                    const policy = policies.get(String(backend.inputs.securityPolicy).split("/").pop());
                    assert.ok(policy, `${backend.name} has a policy of the stack`);
                    assert.ok(policy.rules.every((rule: any) => rule.preview === false), `${backend.name}'s policy enforces`);
                    assert.deepStrictEqual(backend.inputs.logConfig, { enable: true, sampleRate: 1 });
                }
                const rules = resourcesOfType(plan, "gcp:compute/globalForwardingRule:GlobalForwardingRule").map((rule) => `${rule.inputs.portRange} ${String(rule.inputs.target).split("/").slice(-2).join("/")}`);
                assert.deepStrictEqual(rules.sort(), ["443 targetHttpsProxies/bilko-lb-https", "443 targetHttpsProxies/bilko-lb-https", "80 targetHttpProxies/bilko-lb-http", "80 targetHttpProxies/bilko-lb-http"]);
                assert.match(resourceNamed(plan, "lb-https-proxy").inputs.certificateMap, /^\/\/certificatemanager\.googleapis\.com\/projects\/[^/]+\/locations\/global\/certificateMaps\/bilko-certificates$/);
                assert.strictEqual(resourceNamed(plan, "lb-redirect-map").inputs.defaultUrlRedirect.httpsRedirect, true);
            });
        }

        it("gives each service its own service account, used by its revisions", () => {
            const accounts = resourcesOfType(plan, "gcp:serviceaccount/account:Account");
            const emails = Object.keys(services).map((name) => resourceNamed(plan, `${name}-service`).inputs.template.serviceAccount);
            assert.strictEqual(new Set(emails).size, Object.keys(services).length);
            for (const name of Object.keys(services)) {
                const account = resourceNamed(plan, `${name}-sa`);
                assert.ok(accounts.includes(account));
                assert.strictEqual(resourceNamed(plan, `${name}-service`).inputs.template.serviceAccount, `${account.inputs.accountId}@tribal-sign-487920-k0.iam.gserviceaccount.com`);
            }
        });

        it("lets the stack's deployer administer and act as each runtime account alone, granted before the service deploys", () => {
            const deployer = `serviceAccount:${stack === "stage" ? "bilko-build" : `bilko-deploy-${stack}`}@tribal-sign-487920-k0.iam.gserviceaccount.com`;
            for (const name of Object.keys(services)) {
                for (const [grantName, role] of [[`${name}-deployer`, "roles/iam.serviceAccountUser"], [`${name}-deployer-admin`, "roles/iam.serviceAccountAdmin"]]) {
                    const grant = resourceNamed(plan, grantName);
                    assert.deepStrictEqual([grant.inputs.role, grant.inputs.member], [role, deployer]);
                    assert.match(grant.inputs.serviceAccountId, new RegExp(`/serviceAccounts/${resourceNamed(plan, `${name}-sa`).inputs.accountId}@`));
                    assert.ok(resourceNamed(plan, `${name}-service`).options.dependsOn.includes(`gcp:serviceaccount/iAMMember:IAMMember::${grantName}`));
                }
            }
        });

        it("passes no credential as a plain env value; secrets arrive by secretKeyRef", () => {
            for (const name of Object.keys(services)) {
                const envs = container(plan, name).envs as any[];
                for (const env of envs.filter((e) => e.value !== undefined)) {
                    assert.ok(!looksLikeSecretName(env.name), `${name}: ${env.name} is a plain value`);
                }
                const byRef = envs.filter((e) => e.valueSource).map((e) => [e.name, e.valueSource.secretKeyRef.secret]);
                const expected = Object.entries(services[name].secrets ?? {});
                const databaseEnv: string[] = services[name].database ? (services[name].databaseEnv ?? DEFAULT_DATABASE_ENV) : [];
                if (databaseEnv.includes("DB_PASSWORD")) {
                    expected.push(["DB_PASSWORD", resourceNamed(plan, "database-password-secret").inputs.secretId]);
                }
                if (databaseEnv.includes("DATABASE_URL")) {
                    expected.push(["DATABASE_URL", values["bilko:postgres"].connectionUrl.secret]);
                }
                assert.deepStrictEqual(byRef.sort(), expected.sort());
            }
        });

        it("grants each service account secret access only to its own secrets", () => {
            const grants = resourcesOfType(plan, "gcp:secretmanager/secretIamMember:SecretIamMember");
            for (const name of Object.keys(services)) {
                const email = resourceNamed(plan, `${name}-service`).inputs.template.serviceAccount;
                const secretsRead = grants.filter((g) => g.inputs.member === `serviceAccount:${email}`).map((g) => g.inputs.secretId).sort();
                const ownSecrets = container(plan, name).envs.filter((e: any) => e.valueSource).map((e: any) => e.valueSource.secretKeyRef.secret).sort();
                assert.deepStrictEqual(secretsRead, ownSecrets);
            }
            assert.ok(grants.every((g) => g.inputs.role === "roles/secretmanager.secretAccessor"));
        });

        it("connects only database services to Cloud SQL, through a grant conditioned on the one instance", () => {
            const instance = values["bilko:postgres"].instanceName;
            const publicIp = values["bilko:postgres"].publicIp === true;
            for (const [name, service] of Object.entries(services)) {
                const template = resourceNamed(plan, `${name}-service`).inputs.template;
                const socket = (template.volumes ?? []).find((v: any) => v.cloudSqlInstance);
                if (service.database && !publicIp) {
                    assert.strictEqual(socket, undefined, "a private instance serves no socket: the service connects over TCP through its VPC egress");
                    assert.ok(template.vpcAccess, `${name} has Direct VPC egress`);
                }
                if (service.database && publicIp) {
                    assert.deepStrictEqual(socket.cloudSqlInstance.instances, [`tribal-sign-487920-k0:europe-north1:${instance}`]);
                }
                if (service.database) {
                    const grant = resourceNamed(plan, `${name}-sql-client`);
                    assert.strictEqual(grant.inputs.role, "roles/cloudsql.client");
                    assert.match(grant.inputs.condition.expression, new RegExp(`instances/${instance}"`));
                } else {
                    assert.strictEqual(socket, undefined);
                    assert.ok(!plan.resources.some((r) => r.name === `${name}-sql-client`));
                }
            }
        });

        it("probes startup and liveness on each service's health path and port", () => {
            for (const [name, service] of Object.entries(services)) {
                const c = container(plan, name);
                assert.deepStrictEqual(c.startupProbe.httpGet, { path: service.healthPath, port: service.port });
                assert.deepStrictEqual(c.livenessProbe.httpGet, { path: service.healthPath, port: service.port });
                assert.strictEqual(c.ports.containerPort, service.port);
            }
        });

        it("opens the invoker to allUsers exactly for public services", () => {
            const invokers = resourcesOfType(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter((m) => m.inputs.member === "allUsers");
            const publicNames = Object.entries(services).filter(([, s]) => s.public).map(([name]) => resourceNamed(plan, `${name}-service`).inputs.name);
            assert.deepStrictEqual(invokers.map((m) => m.inputs.name).sort(), publicNames.sort());
        });

        it("labels every Cloud Run service with environment, app and service", () => {
            for (const name of Object.keys(services)) {
                const labels = resourceNamed(plan, `${name}-service`).inputs.labels;
                assert.strictEqual(labels.environment, stack);
                assert.strictEqual(labels.app, "bilko");
                assert.strictEqual(labels.service, name);
            }
        });

        it(`turns Cloud Run deletion protection ${stack === "prod" ? "on" : "off"}`, () => {
            for (const run of resourcesOfType(plan, CLOUD_RUN)) {
                assert.strictEqual(run.inputs.deletionProtection, stack === "prod");
            }
        });

        it("requires SSL and allows no authorized network on the database; logs per CIS, pgAudit as the stack says", () => {
            const settings = resourceNamed(plan, "database-instance").inputs.settings;
            assert.strictEqual(settings.ipConfiguration.sslMode, "ENCRYPTED_ONLY");
            assert.deepStrictEqual(settings.ipConfiguration.authorizedNetworks ?? [], []);
            assert.strictEqual(settings.ipConfiguration.ipv4Enabled, values["bilko:postgres"].publicIp === true);
            const flags = Object.fromEntries(settings.databaseFlags.map((flag: { name: string; value: string }) => [flag.name, flag.value]));
            const pgaudit = values["bilko:postgres"].pgaudit !== false;
            assert.deepStrictEqual(flags, {
                log_connections: "on",
                log_disconnections: "on",
                log_statement: "ddl",
                log_min_duration_statement: "-1",
                ...(pgaudit ? { "cloudsql.enable_pgaudit": "on", "pgaudit.log": "ddl,role" } : {}),
            });
            assert.strictEqual(settings.passwordValidationPolicy.enablePasswordPolicy, true);
        });

        if (values["bilko:postgres"].adopt) {
            it("leaves the adopted user's password as it is: no password input, none generated", () => {
                assert.ok(!("password" in resourceNamed(plan, "database-user").inputs));
                assert.ok(!plan.resources.some((resource) => resource.type === "random:index/randomPassword:RandomPassword"));
            });
        } else {
            it("keeps the generated database password out of every plain input", () => {
                assert.strictEqual(resourceNamed(plan, "database-user").inputs.password, "[secret]");
                assert.strictEqual(resourceNamed(plan, "database-password-version").inputs.secretData, "[secret]");
                assert.strictEqual(resourceNamed(plan, "database-url-version").inputs.secretData, "[secret]");
            });
        }

        it("exports environment, registry, services (with a migrator digest for the one with migrations), CORS origins and database", () => {
            assert.strictEqual(plan.outputs.environment, stack);
            assert.strictEqual(plan.outputs.registryUrl, REGISTRY);
            for (const [name, service] of Object.entries(services)) {
                assert.deepStrictEqual(plan.outputs.services[name], {
                    image: `${REGISTRY}/${name}@${service.digest}`,
                    digest: service.digest,
                    hostname: service.hostname,
                    url: `https://${service.hostname}`,
                    ...(service.migrations ? { migrator: service.migrations.digest } : {}),
                });
            }
            assert.deepStrictEqual(plan.outputs.database, {
                instance: values["bilko:postgres"].instanceName,
                connectionName: `tribal-sign-487920-k0:europe-north1:${values["bilko:postgres"].instanceName}`,
                version: values["bilko:postgres"].version,
            });
        });
    });
}

describe("across the committed stacks", () => {
    it("every stack runs the same Postgres major version", () => {
        const versions = STACKS.map((stack) => committedValues(stack)["bilko:postgres"].version);
        assert.deepStrictEqual(versions, ["POSTGRES_16", "POSTGRES_16", "POSTGRES_16"]);
    });

    it("exactly one stack (stage) owns the shared resources, and only it declares the registry, the Docker Hub cache and the notifier image cache", async () => {
        const owners = STACKS.filter((stack) => committedValues(stack)["bilko:sharedResources"] === true);
        assert.deepStrictEqual(owners, ["stage"]);
        for (const stack of STACKS) {
            const repositories = resourcesOfType(await plannedStack(stack), "gcp:artifactregistry/repository:Repository").map((repository) => repository.inputs.repositoryId).sort();
            assert.deepStrictEqual(repositories, stack === "stage" ? ["bilko", "bilko-notifiers-cache", "docker-hub"] : [], stack);
        }
    });

    it("no two stacks publish the same hostname or use the same database instance", () => {
        const hostnames = STACKS.flatMap((stack) => Object.values(committedValues(stack)["bilko:services"]).map((s: any) => s.hostname));
        assert.strictEqual(new Set(hostnames).size, hostnames.length);
        const instances = STACKS.map((stack) => committedValues(stack)["bilko:postgres"].instanceName);
        assert.strictEqual(new Set(instances).size, instances.length);
    });
});
