import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/** Runtime accounts of a stack, by service. */
export type RuntimeAccounts = Record<string, gcp.serviceaccount.Account>;

export interface DeployerAccessArgs {
    /** `serviceAccount:...` of the pipeline account that runs `pulumi up` on this stack. */
    member: pulumi.Input<string>;
    /** Runtime accounts the deployer must act as to deploy Cloud Run services that run as them. */
    serviceAccounts: RuntimeAccounts;
}

/**
 * actAs (roles/iam.serviceAccountUser) for the pipeline's deployer on each runtime account of the stack, one account
 * at a time: the policy pack refuses the project-wide grant, which would let it act as every account.
 */
export class DeployerAccess extends pulumi.ComponentResource {
    constructor(name: string, args: DeployerAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bilko:gcp:DeployerAccess", name, {}, opts);
        for (const [service, account] of Object.entries(args.serviceAccounts)) {
            new gcp.serviceaccount.IAMMember(
                `${name}-${service}`,
                { serviceAccountId: account.name, role: "roles/iam.serviceAccountUser", member: args.member },
                { parent: this },
            );
        }
        this.registerOutputs({});
    }
}
