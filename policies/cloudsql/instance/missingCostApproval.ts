import { APPROVAL_LABELS } from "../../../components/cloudsql/approval";
import { inProd, labelsOf } from "../../support/labels";
import { resourcePolicy } from "../../support/policy";
import { SQL_INSTANCE, prodSubject } from "../support";

const REQUIRED = [APPROVAL_LABELS.by, APPROVAL_LABELS.at, APPROVAL_LABELS.monthlyCostUsd];

export const missingCostApproval = resourcePolicy({
    name: "cloudsql-instance-missing-cost-approval",
    description: "Cloud SQL instances labelled environment=prod carry the approval of their cost: who accepted it, when, and the monthly amount.",
    enforcementLevel: "mandatory",
    types: [SQL_INSTANCE],
    check: (props, args, report) => {
        if (!inProd(args.type, props)) {
            return;
        }
        const labels = labelsOf(args.type, props);
        const missing = REQUIRED.filter((label) => typeof labels[label] !== "string" || labels[label] === "");
        const cost = labels[APPROVAL_LABELS.monthlyCostUsd];
        if (missing.length > 0) {
            report(`${prodSubject(args.name)} has no ${missing.join(", ")} label; record who approved its monthly cost, when, and how much (the stack's approval record becomes these labels).`);
        } else if (!/^[1-9]\d*$/.test(String(cost))) {
            report(`${prodSubject(args.name)} has ${APPROVAL_LABELS.monthlyCostUsd}=${JSON.stringify(cost)}; the approved monthly cost is a whole number of US dollars.`);
        }
    },
});
