/** The offline plan (`npm run plan`): each stack's resources, outputs and policy verdict, as a table or JSON. */
export { cloudbuildFiles, cloudbuildYaml, writeCloudbuildFiles, type CloudbuildFile } from "./cloudbuildYaml";
export { main, parsePlanArgs, planStacks, UsageError, type CheckedPlan, type PlanRequest } from "./plan";
export { promotionLines } from "./promotionSummary";
export { keySettings, shortType, triggerEvent } from "./summary";
