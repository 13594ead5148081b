import { floatingTagWrites } from "../../../components/pipeline/floatingTags";
import { knownItems, resourcePolicy, UNKNOWN } from "../../support/policy";
import { TRIGGER, subject, knownSteps } from "../support";

export const disallowFloatingTags = resourcePolicy({
    name: "cloudbuild-trigger-disallow-floating-tags",
    description: "No Cloud Build step pushes or sets an image tag other than sha-<commit>, so a tag never moves and images are promoted by digest.",
    enforcementLevel: "mandatory",
    types: [TRIGGER],
    check: (props, args, report) => {
        const fix = "push and tag only sha-$COMMIT_SHA (written out, not in a variable) and deploy by digest";
        for (const step of knownSteps(props)) {
            for (const write of floatingTagWrites(step.command)) {
                report(`${subject(args.name)} ${step.label} runs ${write.command} "${write.reference}", whose tag "${write.tag}" can move to another image; ${fix}.`);
            }
        }
        for (const image of knownItems<string>(props.build?.images)) {
            if (image === UNKNOWN) {
                continue;
            }
            for (const write of floatingTagWrites(`docker push ${image}`)) {
                report(`${subject(args.name)} pushes "${write.reference}" after its steps (build.images), whose tag "${write.tag}" can move to another image; ${fix}.`);
            }
        }
    },
});
