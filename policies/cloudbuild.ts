/** Cloud Build triggers: prod waits for a person, every build has its own identity, no tag ever moves. */
import { floatingTagWrites } from "../components/pipeline/floatingTags";
import { environmentTag } from "../components/pipeline/environmentTag";
import { known, knownItems, resourcePolicy, UNKNOWN, type Props } from "./support/policy";

export const TRIGGER = "gcp:cloudbuild/trigger:Trigger";

const PROD = "prod";
const DEFAULT_ACCOUNTS = /^(\d+@cloudbuild\.gserviceaccount\.com|\d+-compute@developer\.gserviceaccount\.com|[^@]+@appspot\.gserviceaccount\.com)$/;
const SHELLS = ["bash", "sh", "/bin/bash", "/bin/sh"];

const subject = (name: string) => `Cloud Build trigger "${name}"`;

/** The steps whose id and command are known (during preview a step may still be unknown), as messages name them. */
function knownSteps(props: Props): Array<{ label: string; command: string }> {
    return knownItems<Props>(props.build?.steps).flatMap((step, index) => {
        const read = step === UNKNOWN ? UNKNOWN : known(() => ({ label: stepLabel(step, index), command: stepCommand(step) }));
        return read === UNKNOWN ? [] : [read];
    });
}

/** `step "<id>"`, else its position. */
function stepLabel(step: Props, index: number): string {
    return typeof step.id === "string" ? `step "${step.id}"` : `step ${index + 1}`;
}

/** What a step runs as shell text: its script, its `bash -c` argument, or its entrypoint (or builder) with its args. */
function stepCommand(step: Props): string {
    const args: string[] = Array.isArray(step.args) ? step.args.map(String) : [];
    const texts = typeof step.script === "string" ? [step.script] : [];
    if (SHELLS.includes(String(step.entrypoint)) && args[0] === "-c") {
        texts.push(args.slice(1).join("\n"));
    } else if (args.length > 0) {
        texts.push([step.entrypoint ?? builderCommand(String(step.name)), ...args].join(" "));
    }
    return texts.join("\n");
}

/** `gcr.io/cloud-builders/docker@sha256:...` -> `docker`; the Cloud SDK image's entrypoint is `gcloud`. */
function builderCommand(image: string): string {
    const name = image.split("@")[0].split("/").pop()!.split(":")[0];
    return name === "cloud-sdk" ? "gcloud" : name;
}

/** Why the trigger counts as deploying prod, or `undefined`. */
function deploysProd(props: Props): string | undefined {
    const tags = knownItems<string>(props.tags);
    if (tags.includes(environmentTag(PROD))) {
        return `it is tagged ${environmentTag(PROD)}`;
    }
    const upProd = new RegExp(`\\bpulumi\\s+up\\b[^\\n]*(--stack|-s)[=\\s]+["']?([^\\s"'/]+/)?${PROD}["']?(\\s|$)`);
    const step = knownSteps(props).find((candidate) => upProd.test(candidate.command));
    if (step) {
        return `${step.label} runs pulumi up on the ${PROD} stack`;
    }
    return undefined;
}

export const prodApproval = resourcePolicy({
    name: "cloudbuild-trigger-enforce-prod-approval",
    description: "A Cloud Build trigger that deploys prod requires a person's approval before each of its builds starts.",
    enforcementLevel: "mandatory",
    types: [TRIGGER],
    check: (props, args, report) => {
        const reason = deploysProd(props);
        if (reason === undefined) {
            args.notApplicable(`the trigger does not deploy ${PROD} (no ${environmentTag(PROD)} tag, no pulumi up on the ${PROD} stack)`);
        }
        if (props.approvalConfig?.approvalRequired !== true) {
            report(`${subject(args.name)} deploys ${PROD} (${reason}) but starts without approval; set approvalConfig.approvalRequired to true so a person approves each ${PROD} build.`);
        }
    },
});

export const dedicatedServiceAccount = resourcePolicy({
    name: "cloudbuild-trigger-enforce-dedicated-service-account",
    description: "Every Cloud Build trigger runs as a user-managed service account of its own, never the project's default Cloud Build or Compute Engine account.",
    enforcementLevel: "mandatory",
    types: [TRIGGER],
    check: (props, args, report) => {
        const account = props.serviceAccount;
        if (typeof account !== "string" || account === "") {
            report(
                `${subject(args.name)} sets no serviceAccount, so its builds run as the project's default Cloud Build account and its broad rights; ` +
                    `set serviceAccount to projects/<project>/serviceAccounts/<email> of an account that holds only what this trigger needs.`,
            );
            return;
        }
        const email = account.split("/").pop()!;
        if (DEFAULT_ACCOUNTS.test(email)) {
            report(
                `${subject(args.name)} runs as ${email}, a default account that other services share; ` +
                    `create a service account for this trigger, grant it only what the trigger needs, and set serviceAccount to it.`,
            );
        }
    },
});

export const noFloatingTags = resourcePolicy({
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

/** Every Cloud Build policy, in the order the pack reports them. */
export const cloudBuildPolicies = [prodApproval, dedicatedServiceAccount, noFloatingTags];
