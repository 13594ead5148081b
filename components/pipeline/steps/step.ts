/** One build step as the pipeline writes it: a script run by one of the pinned builder images. */
import type * as gcp from "@pulumi/gcp";
import { escapeForCloudBuild } from "./shell";

/** The builder images every step runs in; each is pinned by digest (`bilko:pipeline.builders`). */
export const BUILDERS = ["docker", "gcloud", "trivy", "pulumi", "pulumiGke"] as const;
export type Builder = (typeof BUILDERS)[number];
/** Builder image per builder, pinned by digest. */
export type Builders = Readonly<Record<Builder, string>>;

/** The Trivy image is Alpine with a POSIX `sh`; the other builders have bash. */
export const SHELL_OF: Readonly<Record<Builder, "bash" | "sh">> = { docker: "bash", gcloud: "bash", trivy: "sh", pulumi: "bash", pulumiGke: "bash" };

export interface ScriptStep {
    /** Unique within its build; later steps name it in `waitFor`. */
    id: string;
    builder: Builder;
    /** The script exactly as the shell runs it (`$` is escaped for Cloud Build only when rendered). */
    script: string;
    /** `NAME=value`; values may use Cloud Build substitutions such as `$COMMIT_SHA`. */
    env?: string[];
    /** Steps this one waits for; `["-"]` starts at once; absent: every earlier step. */
    waitFor?: string[];
}

export type CloudBuildStep = gcp.types.input.cloudbuild.TriggerBuildStep;

export function toCloudBuildStep(step: ScriptStep, builders: Builders): CloudBuildStep {
    const shell = SHELL_OF[step.builder];
    return {
        id: step.id,
        name: builders[step.builder],
        entrypoint: shell,
        args: ["-c", escapeForCloudBuild(step.script)],
        ...(step.env ? { envs: step.env } : {}),
        ...(step.waitFor ? { waitFors: step.waitFor } : {}),
    };
}

/** A script from its lines, after the shell's strict mode: stop at the first failing command or unset variable. */
export function script(builder: Builder, lines: readonly string[]): string {
    const strict = SHELL_OF[builder] === "bash" ? "set -euo pipefail" : "set -eu";
    return [strict, ...lines].join("\n") + "\n";
}

/** Build values a step reads from its env: Cloud Build substitutes them there, never inside a script. */
export const BUILD_ENV = ["BUILD_ID=$BUILD_ID", "PROJECT_ID=$PROJECT_ID", "LOCATION=$LOCATION"];
