import { declareEnvironment, loadStackConfig } from "./program";

const outputs = declareEnvironment(loadStackConfig());

export const environment = outputs.environment;
export const registryUrl = outputs.registryUrl;
export const services = outputs.services;
export const corsOrigins = outputs.corsOrigins;
export const database = outputs.database;
export const releasedDigests = outputs.releasedDigests;
export const releasedMigrators = outputs.releasedMigrators;
export const rollout = outputs.rollout;
export const upstreamGuard = outputs.upstreamGuard;
export const program = outputs.program;
