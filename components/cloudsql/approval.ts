/**
 * The approval of a Cloud SQL instance's cost (OCD-5), as labels on the instance: the policy pack reads them there,
 * since a policy sees a resource's inputs, not the stack file.
 */

export interface CostApproval {
    /** Who accepted the cost, e.g. an email address. */
    by: string;
    /** When, as a UTC ISO time. */
    at: string;
    /** The monthly cost they accepted, in US dollars. */
    monthlyCostUsd: number;
    /** Where the approval is recorded (a ticket, a decision id such as OCD-5). */
    reference?: string;
}

export const APPROVAL_LABELS = {
    by: "cost-approved-by",
    at: "cost-approved-on",
    monthlyCostUsd: "cost-approved-usd-month",
    reference: "cost-approval-ref",
} as const;

const MAX_LABEL_VALUE = 63;

/** A label value Google Cloud accepts (lowercase letters, digits, `_` and `-`, at most 63): `alem@alai.no` -> `alem_at_alai-no`. */
export function labelValue(text: string): string {
    return text
        .toLowerCase()
        .replace(/@/g, "_at_")
        .replace(/[^a-z0-9_-]/g, "-")
        .slice(0, MAX_LABEL_VALUE);
}

export function approvalLabels(approval: CostApproval): Record<string, string> {
    return {
        [APPROVAL_LABELS.by]: labelValue(approval.by),
        [APPROVAL_LABELS.at]: approval.at.slice(0, 10),
        [APPROVAL_LABELS.monthlyCostUsd]: String(Math.ceil(approval.monthlyCostUsd)),
        ...(approval.reference ? { [APPROVAL_LABELS.reference]: labelValue(approval.reference) } : {}),
    };
}
