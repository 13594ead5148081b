/** The parity report (`npm run parity`): every way two stacks differ, held against the intended differences. */
export { main, type EvaluateSides, type ParityOutput } from "./cli";
export { ABSENT, compareStacks, type Comparison, type Difference, type Value } from "./compare";
export { pairKey, parseDeclarations, readDeclarations, RESOURCE_PROPERTY, type Declaration, type Declarations } from "./declarations";
export { ParityRefusal, UsageError } from "./errors";
export { ancestorsOf, normaliserFor, promotedServices, type Normaliser, type StackSide } from "./normalise";
export { renderJson, renderTable, shown, summary } from "./render";
export { DECLARATIONS_FILE, parseParityArgs, USAGE, type ParityRequest } from "./request";
export { judge, passes, undeclared, type JudgedDifference, type StaleDeclaration, type Verdict } from "./verdict";
