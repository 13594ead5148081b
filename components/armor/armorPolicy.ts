import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { armorRules, type ArmorMode, type RateLimit } from "./rules";

export interface ArmorPolicyArgs {
    project: string;
    /** Cloud name of the policy (`bilko-api-armor`, `bilko-api-armor-stage`, ...). */
    policyName: string;
    /** What the service behind it is, for the description. */
    service: string;
    /** `preview` logs what the rules would do; `enforce` blocks. */
    mode: ArmorMode;
    /**
     * Paths rate-limited per client IP.
     * @default []
     */
    rateLimits?: RateLimit[];
    /** Google Cloud labels of the policy (its `environment` label says whether it is prod's). */
    labels: Record<string, string>;
}

/**
 * One service's Cloud Armor backend security policy: Google's preconfigured WAF rules and per-client rate limits, in
 * preview or enforced. Each backend of the service (on the load balancer, or a GKE Ingress) is attached to it; one
 * policy per service, because rate limits are counted per backend and their paths belong to one service.
 */
export class ArmorPolicy extends pulumi.ComponentResource {
    readonly policy: gcp.compute.SecurityPolicy;
    /** `projects/<project>/global/securityPolicies/<name>`: how a backend service names it. */
    readonly id: pulumi.Output<string>;
    /** The policy's name, as a GKE BackendConfig names it. */
    readonly policyName: pulumi.Output<string>;

    constructor(name: string, args: ArmorPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:ArmorPolicy", name, {}, opts);
        let rules;
        try {
            rules = armorRules(args.mode, args.rateLimits ?? []);
        } catch (error) {
            throw new pulumi.InputPropertyError({ propertyPath: "rateLimits", reason: (error as Error).message });
        }
        this.policy = new gcp.compute.SecurityPolicy(
            `${name}-policy`,
            {
                project: args.project,
                name: args.policyName,
                description: `Cloud Armor of ${args.service} (${args.mode}): preconfigured WAF rules and rate limits; managed by bilko.`,
                type: "CLOUD_ARMOR",
                // The WAF parses JSON bodies (the API's) field by field instead of as one string.
                advancedOptionsConfig: { jsonParsing: "STANDARD" },
                rules,
                labels: args.labels,
            },
            { parent: this },
        );
        this.policyName = this.policy.name;
        this.id = pulumi.interpolate`projects/${args.project}/global/securityPolicies/${this.policy.name}`;
        this.registerOutputs({ id: this.id, policyName: this.policyName });
    }
}
