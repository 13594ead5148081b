/** The smoke test of a stack: its checks from config, how they run over HTTP, and `npm run smoke`. */
export { DISALLOWED_ORIGIN, problemsWith, serviceTargets, smokePlan, tokenFrom, type Expectation, type PlanOptions, type Response, type SmokeCheck, type SmokeLogin, type SmokePlan, type SmokeTarget } from "./checks";
export { main, type Io } from "./cli";
export { RequestFailed, send, type Request } from "./http";
export { runSmoke, type CheckResult, type RunOptions } from "./run";
export { readSecrets, SecretUnavailable } from "./secrets";
