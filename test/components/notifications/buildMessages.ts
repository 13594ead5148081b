/**
 * Build messages as Cloud Build publishes them on `cloud-builds` (the Build resource in its JSON form: lowerCamel
 * field names, enum values by name, bytes in base64), and the two views the Slack notifier has of one: CEL's (proto
 * field names, enums as numbers, bytes as bytes, every unset field at its default, as cel-go reads a proto message)
 * and Go's (the generated struct's field names, nil for an unset message, enums printing their names). The values of
 * the samples are synthetic; their shape follows the Build resource of the Cloud Build v1 API.
 */
import { Environment } from "@marcbachmann/cel-js";
import { GoMap } from "./goTemplate";

export interface BuildJson {
    id: string;
    projectId: string;
    status: string;
    tags?: string[];
    substitutions?: Record<string, string>;
    logUrl: string;
    buildTriggerId?: string;
    results?: { buildStepOutputs?: string[] };
    failureInfo?: { type: string; detail: string };
    approval?: { state: string; result?: { approverAccount: string; decision: string } };
}

const STATUS: Record<string, bigint> = { STATUS_UNKNOWN: 0n, PENDING: 10n, QUEUED: 1n, WORKING: 2n, SUCCESS: 3n, FAILURE: 4n, INTERNAL_ERROR: 5n, TIMEOUT: 6n, CANCELLED: 7n, EXPIRED: 9n };
const APPROVAL_STATE: Record<string, bigint> = { STATE_UNSPECIFIED: 0n, PENDING: 1n, APPROVED: 2n, REJECTED: 3n, CANCELLED: 5n };
const DECISION: Record<string, bigint> = { DECISION_UNSPECIFIED: 0n, APPROVED: 1n, REJECTED: 2n };
const FAILURE_TYPE: Record<string, bigint> = { FAILURE_TYPE_UNSPECIFIED: 0n, PUSH_FAILED: 1n, PUSH_IMAGE_NOT_FOUND: 2n, PUSH_NOT_AUTHORIZED: 3n, LOGGING_FAILURE: 4n, USER_BUILD_STEP: 5n, FETCH_SOURCE_FAILED: 6n };

const enumMap = (values: Record<string, bigint>) => new Map(Object.entries(values));

/** CEL as the notifier compiles filters: `build` typed as the Build message, the enums under their message names. */
export function celEnvironment(): Environment {
    return new Environment()
        .registerVariable({
            name: "build",
            schema: {
                id: "string",
                project_id: "string",
                status: "int",
                tags: "list<string>",
                substitutions: "map<string, string>",
                log_url: "string",
                build_trigger_id: "string",
                results: { build_step_outputs: "list<bytes>" },
                failure_info: { type: "int", detail: "string" },
                approval: { state: "int", result: { approver_account: "string", decision: "int" } },
            },
        })
        .registerConstant("Build", "map", new Map([["Status", enumMap(STATUS)]]))
        .registerConstant("BuildApproval", "map", new Map([["State", enumMap(APPROVAL_STATE)]]));
}

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));

export function celView(build: BuildJson): Record<string, unknown> {
    return {
        id: build.id,
        project_id: build.projectId,
        status: STATUS[build.status],
        tags: build.tags ?? [],
        substitutions: new Map(Object.entries(build.substitutions ?? {})),
        log_url: build.logUrl,
        build_trigger_id: build.buildTriggerId ?? "",
        results: { build_step_outputs: (build.results?.buildStepOutputs ?? []).map(bytes) },
        failure_info: { type: FAILURE_TYPE[build.failureInfo?.type ?? "FAILURE_TYPE_UNSPECIFIED"], detail: build.failureInfo?.detail ?? "" },
        approval: {
            state: APPROVAL_STATE[build.approval?.state ?? "STATE_UNSPECIFIED"],
            result: { approver_account: build.approval?.result?.approverAccount ?? "", decision: DECISION[build.approval?.result?.decision ?? "DECISION_UNSPECIFIED"] },
        },
    };
}

/** The notifier's template view: `{Build, Params}`. */
export function goView(build: BuildJson): Record<string, unknown> {
    return {
        Build: {
            Id: build.id,
            ProjectId: build.projectId,
            Status: build.status,
            Tags: build.tags ?? null,
            Substitutions: new GoMap(Object.entries(build.substitutions ?? {})),
            LogUrl: build.logUrl,
            BuildTriggerId: build.buildTriggerId ?? "",
            Results: build.results ? { BuildStepOutputs: (build.results.buildStepOutputs ?? []).map(bytes) } : null,
            FailureInfo: build.failureInfo ? { Type: build.failureInfo.type, Detail: build.failureInfo.detail } : null,
            Approval: build.approval
                ? { State: build.approval.state, Result: build.approval.result ? { ApproverAccount: build.approval.result.approverAccount, Decision: build.approval.result.decision } : null }
                : null,
        },
        Params: new GoMap(),
    };
}

export interface Sample {
    trigger: string;
    tags: string[];
    status: string;
    /** Step outputs in step order, as text ("" for a step that wrote none). */
    outputs?: string[];
    failure?: string;
    approval?: BuildJson["approval"];
}

export const COMMIT = "4f2a9c1e0b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e";

/** A message for one build of a pipeline trigger (synthetic ids). */
export function buildMessage(sample: Sample): BuildJson {
    const id = "0d5c2f3e-7b1a-4c9d-8e6f-1a2b3c4d5e6f";
    return {
        id,
        projectId: "tribal-sign-487920-k0",
        status: sample.status,
        tags: sample.tags,
        substitutions: { TRIGGER_NAME: sample.trigger, COMMIT_SHA: COMMIT, SHORT_SHA: COMMIT.slice(0, 7), BRANCH_NAME: "main", REPO_NAME: "bilko" },
        logUrl: `https://console.cloud.google.com/cloud-build/builds;region=europe-north1/${id}?project=123456789012`,
        buildTriggerId: "9a8b7c6d-0000-4000-8000-000000000001",
        ...(sample.outputs ? { results: { buildStepOutputs: sample.outputs.map((text) => Buffer.from(text).toString("base64")) } } : {}),
        ...(sample.failure ? { failureInfo: { type: "USER_BUILD_STEP", detail: sample.failure } } : {}),
        ...(sample.approval ? { approval: sample.approval } : {}),
    };
}
