/** `npm run plan`: the program evaluated offline for each stack, with the policy verdict (see plan/plan.ts). */
import { main } from "../plan/cli";

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
