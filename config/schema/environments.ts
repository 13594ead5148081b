/** The environments a stack can be, in promotion order. */

export const ENVIRONMENTS = ["stage", "demo", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
