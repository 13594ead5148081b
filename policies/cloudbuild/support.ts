/** What the cloudbuild policies share: type tokens, subjects of messages and readers of resource properties. */
import { environmentTag } from "../../components/pipeline/environmentTag";
import { known, knownItems, UNKNOWN, type Props } from "../support/policy";

export const TRIGGER = "gcp:cloudbuild/trigger:Trigger";

export const PROD = "prod";

export const DEFAULT_ACCOUNTS = /^(\d+@cloudbuild\.gserviceaccount\.com|\d+-compute@developer\.gserviceaccount\.com|[^@]+@appspot\.gserviceaccount\.com)$/;

export const SHELLS = ["bash", "sh", "/bin/bash", "/bin/sh"];

export const subject = (name: string) => `Cloud Build trigger "${name}"`;

/** The steps whose id and command are known (during preview a step may still be unknown), as messages name them. */
export function knownSteps(props: Props): Array<{ label: string; command: string }> {
    return knownItems<Props>(props.build?.steps).flatMap((step, index) => {
        const read = step === UNKNOWN ? UNKNOWN : known(() => ({ label: stepLabel(step, index), command: stepCommand(step) }));
        return read === UNKNOWN ? [] : [read];
    });
}

/** `step "<id>"`, else its position. */
export function stepLabel(step: Props, index: number): string {
    return typeof step.id === "string" ? `step "${step.id}"` : `step ${index + 1}`;
}

/** What a step runs as shell text: its script, its `bash -c` argument, or its entrypoint (or builder) with its args. */
export function stepCommand(step: Props): string {
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
export function builderCommand(image: string): string {
    const name = image.split("@")[0].split("/").pop()!.split(":")[0];
    return name === "cloud-sdk" ? "gcloud" : name;
}

/** Why the trigger counts as deploying prod, or `undefined`. */
export function deploysProd(props: Props): string | undefined {
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
