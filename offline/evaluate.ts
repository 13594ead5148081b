/**
 * Runs the program for one stack under Pulumi's mock runtime and records every resource it registers, with the
 * inputs and options a real `pulumi preview` would send to the engine. No engine, plugins, network or credentials.
 */
import * as pulumi from "@pulumi/pulumi";
import { declareEnvironment, loadStackConfig, type EnvironmentOutputs } from "../program";
import { encodePulumiConfig, SECRET_PLACEHOLDER, type StackFileValues } from "../config";
import { refusalOrResult } from "./asyncRefusal";
import { mockCall, mockResource } from "./mockState";

export interface ResourceOptionsSeen {
    protect: boolean;
    /** Import id when the resource is adopted rather than created. */
    import?: string;
    /** `type::name` of the parent resource. */
    parent?: string;
    dependsOn: string[];
    /** Inputs the engine leaves as they are live (set only when the program names any). */
    ignoreChanges?: string[];
}

export interface PlannedResource {
    type: string;
    name: string;
    /** `true` for cloud resources, `false` for bilko's component resources. */
    custom: boolean;
    inputs: Record<string, any>;
    options: ResourceOptionsSeen;
    /** The URNs the engine gave the resource, its parent and its dependencies (what policies are handed). */
    urns: { self: string; parent?: string; dependsOn: string[] };
}

export interface StackPlan {
    stack: string;
    file: string;
    resources: PlannedResource[];
    outputs: EnvironmentOutputs;
}

export interface StackToEvaluate extends StackFileValues {
    stack: string;
    /** File name used in messages (`Pulumi.prod.yaml`). */
    file: string;
    knownStacks: string[];
    /** The directory of the file: the other stacks' files are read there when the shared stack's is (a fixture set). */
    directory?: string;
}

/** What `pulumi.runtime.setMocks` installs, plus the raw register requests we need for options. */
interface MockMonitorLike {
    registerResource(req: RegisterRequest, callback: (error: unknown, response: RegisterResponse | undefined) => void): Promise<void>;
}

interface RegisterResponse {
    getUrn(): string;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getProtect(): boolean | undefined;
    getImportid(): string;
    getDependenciesList(): string[];
    getIgnorechangesList(): string[];
    getObject(): unknown;
}

// Internal to the SDK (absent from its typings) but stable for years: resolves once every outstanding resource
// registration has finished, which is when the plan is complete.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };

/** The mock runtime is process-global state: evaluations run one at a time. */
let queue: Promise<unknown> = Promise.resolve();

export function evaluateStack(input: StackToEvaluate): Promise<StackPlan> {
    const run = queue.then(() => evaluateAlone(input));
    queue = run.catch(() => undefined);
    return run;
}

/**
 * The SDK captures a stack trace for every internal promise (to report leaks of a real run); formatting them is a
 * third of the offline plan's time. They are never shown offline, so capture none unless BILKO_STACK_TRACES=1.
 */
async function withoutPromiseStackTraces<T>(evaluate: () => Promise<T>): Promise<T> {
    const limit = Error.stackTraceLimit;
    if (process.env.BILKO_STACK_TRACES !== "1") {
        Error.stackTraceLimit = 0;
    }
    try {
        return await evaluate();
    } finally {
        Error.stackTraceLimit = limit;
    }
}

/** A refusal the program raises inside an apply (the upstream guard) rejects the evaluation as `ProgramRefusal`. */
async function evaluateAlone(input: StackToEvaluate): Promise<StackPlan> {
    return withoutPromiseStackTraces(() => refusalOrResult(evaluateProgram(input)));
}

async function evaluateProgram(input: StackToEvaluate): Promise<StackPlan> {
    const resources: PlannedResource[] = [];
    await pulumi.runtime.setMocks(
        { newResource: mockResource, call: mockCall },
        "bilko",
        input.stack,
        false,
    );
    recordRegistrations(pulumi.runtime.getMonitor() as unknown as MockMonitorLike, resources);
    pulumi.runtime.setAllConfig(encodePulumiConfig(input.values), input.secretKeys);

    const outputs = declareEnvironment(loadStackConfig({ file: input.file, knownStacks: input.knownStacks, securePaths: input.securePaths, directory: input.directory }));
    await settings.waitForRPCs();
    return { stack: input.stack, file: input.file, resources, outputs: await settle(outputs) };
}

function recordRegistrations(monitor: MockMonitorLike, into: PlannedResource[]): void {
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        const dependsOn = req.getDependenciesList();
        const ignoreChanges = req.getIgnorechangesList();
        const planned: PlannedResource = {
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            inputs: hideSecrets(pulumi.runtime.deserializeProperties(req.getObject() as never, false)),
            options: {
                protect: req.getProtect() ?? false,
                import: req.getImportid() || undefined,
                parent: shortUrn(req.getParent()),
                dependsOn: dependsOn.map((urn) => shortUrn(urn)!),
                ...(ignoreChanges.length > 0 ? { ignoreChanges } : {}),
            },
            urns: { self: "", parent: req.getParent() || undefined, dependsOn },
        };
        into.push(planned);
        return register(req, (error, response) => {
            planned.urns.self = response?.getUrn() ?? "";
            callback(error, response);
        });
    };
}

/** `urn:pulumi:prod::bilko::a$b::name` -> `b::name`; the stack itself has no parent worth naming. */
function shortUrn(urn: string): string | undefined {
    const match = /::([^:]+(?::[^:]+)*)::([^:]+)$/.exec(urn);
    if (!match || match[1].endsWith("pulumi:pulumi:Stack")) {
        return undefined;
    }
    return `${match[1].split("$").pop()}::${match[2]}`;
}

function hideSecrets(value: any): any {
    if (Array.isArray(value)) {
        return value.map(hideSecrets);
    }
    if (value && typeof value === "object") {
        if (value[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) {
            return SECRET_PLACEHOLDER;
        }
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, hideSecrets(inner)]));
    }
    return value;
}

/** Plain values of everything the program exports. */
function settle<T>(value: T): Promise<pulumi.Unwrap<T>> {
    return new Promise((resolve) => pulumi.output(value).apply((plain) => resolve(plain)));
}
