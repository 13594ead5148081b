/**
 * The mock-runtime harness the offline plan and the tests share: the program evaluated under `setMocks` with what
 * the cloud would report back, stack references answered from the committed stack files, and the policy pack run
 * the way the engine runs it.
 */
export { ProgramRefusal, refusalOrResult, StackReferenceFailure } from "./asyncRefusal";
export { evaluateStack, type PlannedResource, type ResourceOptionsSeen, type StackPlan, type StackToEvaluate } from "./evaluate";
export { mockCall, mockResource } from "./mockState";
export { checkedResources, checkStack, refuses, resourceOptions, runResourcePolicy, runStackPolicy, violationLines, type CheckedResource, type Outcome, type PackConfig, type Violation } from "./policyCheck";
export { committedStackOutputs } from "./stackOutputs";
