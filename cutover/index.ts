/**
 * The cutover runbook (docs/cutover.md), generated from the stack files, their plans and the estate file: the order
 * of Bilko's move from today's estate to bilko-managed stage, demo and prod, each step a command.
 */
export { main, RUNBOOK_FILE, USAGE } from "./cli";
export { disableTrigger, retirement } from "./commands";
export { committedConfigs, runbookInput } from "./input";
export { syntheticLines, type TextFile } from "./notes";
export { cutoverRunbook, type RunbookInput } from "./runbook";
