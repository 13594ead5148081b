/**
 * What an account can reach from the grants a program declares: the roles it holds, those it can grant itself, and
 * those of every account it can act as, to a fixed point. Only what Google documents of each role is modelled
 * (docs/real-cloud.md, "IAM: who can reach what"); every other role is taken to grant nothing beyond itself.
 */

/** Where a role is held: a project, one service account, or one other resource (`storage/<bucket>`, ...). */
export type Scope = { kind: "project"; project: string } | { kind: "serviceAccount"; email: string; project: string } | { kind: "resource"; name: string };

export interface DeclaredGrant {
    member: string;
    role: string;
    scope: Scope;
    /** The CEL expression of the grant's IAM condition, if any. */
    condition?: string;
}

export interface ReachedRole {
    role: string;
    scope: Scope;
    /** Held under a condition (what it may change, or which resource). */
    condition?: string;
    /** How it is reached: `held`, `granted by <role>`, `as <account>`, `as Google's default accounts of <project>`. */
    via: string;
}

export interface Reach {
    roles: ReachedRole[];
    /** Service accounts (emails) the account can act as, itself included. */
    actsAs: string[];
}

/** Roles that may set a project's IAM policy (resourcemanager.projects.setIamPolicy). */
const PROJECT_IAM_ADMINS = ["roles/owner", "roles/resourcemanager.projectIamAdmin", "roles/iam.securityAdmin"];
/** Roles that let a member act as a service account: attach it (actAs), mint its tokens, or set its IAM and then do so. */
const ACT_AS = [
    "roles/owner",
    "roles/editor",
    "roles/iam.serviceAccountUser",
    "roles/iam.serviceAccountTokenCreator",
    "roles/iam.workloadIdentityUser",
    "roles/iam.serviceAccountAdmin",
    "roles/iam.securityAdmin",
];
/** Google creates default service accounts (Compute Engine, App Engine) that get Editor on their project unless an org policy stops it. */
const DEFAULT_ACCOUNT_ROLE = "roles/editor";

/** The roles a `modifiedGrantsByRole ... hasOnly([...])` condition lets a project IAM admin add or remove; `undefined`: any. */
export function grantableRoles(condition: string | undefined): string[] | undefined {
    if (condition === undefined) {
        return undefined;
    }
    const match = /modifiedGrantsByRole'\s*,\s*\[\]\)\.hasOnly\(\[([^\]]*)\]\)/.exec(condition);
    // Any other condition narrows where, not what: it still lets the member grant any role there.
    return match ? [...match[1].matchAll(/'([^']+)'/g)].map((role) => role[1]) : undefined;
}

export function scopeText(scope: Scope): string {
    return scope.kind === "project" ? `project ${scope.project}` : scope.kind === "serviceAccount" ? `account ${scope.email}` : scope.name;
}

function key(role: string, scope: Scope, condition: string | undefined): string {
    return `${role} on ${scopeText(scope)}${condition ? ` if ${condition}` : ""}`;
}

/** Every role `member` can reach through `grants`, given the service accounts that exist (`accounts`: email -> project). */
export function reachOf(member: string, grants: readonly DeclaredGrant[], accounts: ReadonlyMap<string, string>): Reach {
    const roles = new Map<string, ReachedRole>();
    const actsAs = new Set<string>();
    const pending: ReachedRole[] = [];
    const add = (reached: ReachedRole) => {
        const id = key(reached.role, reached.scope, reached.condition);
        if (!roles.has(id)) {
            roles.set(id, reached);
            pending.push(reached);
        }
    };
    const actAs = (email: string, via: string) => {
        if (actsAs.has(email)) {
            return;
        }
        actsAs.add(email);
        for (const grant of grants.filter((candidate) => candidate.member === `serviceAccount:${email}`)) {
            add({ role: grant.role, scope: grant.scope, condition: grant.condition, via });
        }
    };
    const self = /^serviceAccount:(.+)$/.exec(member)?.[1];
    if (self) {
        actAs(self, "held");
    } else {
        grants.filter((grant) => grant.member === member).forEach((grant) => add({ role: grant.role, scope: grant.scope, condition: grant.condition, via: "held" }));
    }
    while (pending.length > 0) {
        const { role, scope, condition } = pending.shift()!;
        if (scope.kind === "project" && PROJECT_IAM_ADMINS.includes(role)) {
            const allowed = grantableRoles(condition);
            // Unconditioned, it can grant itself Owner; conditioned, exactly the roles its condition lists, unconditioned.
            for (const granted of allowed ?? ["roles/owner"]) {
                add({ role: granted, scope, via: `granted by ${role}` });
            }
        }
        if (ACT_AS.includes(role)) {
            if (scope.kind === "serviceAccount") {
                actAs(scope.email, `as ${scope.email}`);
            } else if (scope.kind === "project") {
                [...accounts].filter(([, project]) => project === scope.project).forEach(([email]) => actAs(email, `as ${email}`));
                add({ role: DEFAULT_ACCOUNT_ROLE, scope, via: `as Google's default accounts of ${scope.project}` });
            }
        }
    }
    return { roles: [...roles.values()], actsAs: [...actsAs].sort() };
}

/** What no pipeline account may ever reach: Owner, Editor, or projectIamAdmin without a condition on what it grants. */
export function escalations(reach: Reach): ReachedRole[] {
    return reach.roles.filter(
        (reached) =>
            reached.role === "roles/owner" ||
            reached.role === "roles/editor" ||
            (PROJECT_IAM_ADMINS.includes(reached.role) && grantableRoles(reached.condition) === undefined),
    );
}
