/** The offline plan (`npm run plan`): each stack's resources, outputs and policy verdict, as a table or JSON. */
export { main, type PlanOutput } from "./cli";
export { cloudbuildFiles, cloudbuildYaml, writeCloudbuildFiles, type CloudbuildFile } from "./cloudbuildYaml";
export { PlanRefusal, UsageError } from "./errors";
export { planStacks, refusedStacks, type CheckedPlan } from "./plan";
export { promotionLines } from "./promotionSummary";
export { renderJson, renderTable } from "./render";
export { parsePlanArgs, USAGE, type PlanRequest } from "./request";
export { keySettings, shortType, triggerEvent } from "./summary";
