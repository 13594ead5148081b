/** `npm run smoke`: the smoke checks of a stack, as the pipeline runs them (see smoke/cli.ts). */
import { main } from "../smoke";

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
