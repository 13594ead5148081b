/** The program: one stack's whole runtime, declared from its validated configuration. */
export { declareEnvironment } from "./environment";
export { serviceLabels, stackLabels, type Labels } from "./labels";
export { loadStackConfig } from "./loadStackConfig";
export type { EnvironmentOutputs, ServiceOutputs } from "./outputs";
