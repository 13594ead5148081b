import type { PolicyResource } from "@pulumi/policy";
import { carriesLabels, ENVIRONMENT_LABEL, environmentOf, labelPathText } from "../../support/labels";
import { known, stackPolicy, UNKNOWN } from "../../support/policy";
import { mostCommon } from "../support";

export const enforceEnvironmentLabel = stackPolicy({
    name: "stack-resources-enforce-environment-label",
    description: "Every Google Cloud resource that can carry labels has an environment label, and all of a stack's resources have the same one.",
    enforcementLevel: "mandatory",
    check: (resources, _args, report) => {
        const labelled: Array<{ resource: PolicyResource; environment: string }> = [];
        for (const resource of resources.filter((candidate) => carriesLabels(candidate.type, candidate.props))) {
            const environment = known(() => environmentOf(resource.type, resource.props));
            if (environment === undefined) {
                report(
                    `${resource.type} "${resource.name}" has no ${ENVIRONMENT_LABEL} label; ` +
                        `add ${ENVIRONMENT_LABEL}=<the stack's environment> to its ${labelPathText(resource.type)}, as every labelled resource of a stack carries one.`,
                    resource.urn,
                );
            } else if (environment !== UNKNOWN) {
                labelled.push({ resource, environment });
            }
        }
        const majority = mostCommon(labelled.map((entry) => entry.environment));
        for (const { resource, environment } of labelled.filter((entry) => entry.environment !== majority)) {
            report(
                `${resource.type} "${resource.name}" is labelled ${ENVIRONMENT_LABEL}=${environment} but the rest of the stack is ${ENVIRONMENT_LABEL}=${majority}; ` +
                    `one stack deploys one environment, so label it ${majority} or move it to the ${environment} stack.`,
                resource.urn,
            );
        }
    },
});
